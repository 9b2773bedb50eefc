package dev.faxbridge.admin;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The OpenAPI description of the operator API, served at {@code /v3/api-docs} (and the browsable
 * page at {@code /swagger-ui/index.html}) to operators only, like the API it describes. Every call
 * documents its success answers and the problem answers every call can give; {@code
 * OperatorApiWalkTest} calls every documented operation and fails on a handler it does not
 * describe.
 */
@Configuration(proxyBeanMethods = false)
class ApiDescription {

  static final String PROBLEM = "Problem";

  @Bean
  OpenAPI operatorApiDescription() {
    String built = ApiDescription.class.getPackage().getImplementationVersion();
    String version = built == null ? "development" : built;
    Schema<?> problem =
        new ObjectSchema()
            .description(
                "Problem details (RFC 9457), the answer of every error; a 409 may add the id"
                    + " or state of what it clashed with")
            .additionalProperties(true)
            .addProperty("type", new StringSchema().format("uri"))
            .addProperty("title", new StringSchema())
            .addProperty("status", new IntegerSchema())
            .addProperty("detail", new StringSchema())
            .addProperty("instance", new StringSchema().format("uri"))
            .required(List.of("title", "status", "detail"));
    return new OpenAPI()
        .info(
            new Info()
                .title("faxbridge operator API")
                .version(version)
                .description(
                    "Ids are strings; a tenant is named by its id or its slug. A member not marked"
                        + " required may be null. Lists answer"
                        + " {items, nextCursor}: send nextCursor back as cursor for the next page"
                        + " (limit 1 to "
                        + Paging.MAX_LIMIT
                        + ", default "
                        + Paging.DEFAULT_LIMIT
                        + "). Every error is problem details (application/problem+json). See"
                        + " docs/adr/0015-operator-api-conventions.md."))
        .components(
            new Components()
                .addSchemas(PROBLEM, problem)
                .addSecuritySchemes(
                    "bearer",
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .description("An operator API token or the bootstrap token"))
                .addSecuritySchemes(
                    "basic",
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("basic")
                        .description("An operator's user name and password")))
        .security(
            List.of(
                new SecurityRequirement().addList("bearer"),
                new SecurityRequirement().addList("basic")));
  }

  /**
   * Adds the problem answers to every operation: 400, 401, 403 and 500 always, 404 when the path
   * names an item, 415 when it takes a body; and gives every documented error the problem schema.
   */
  @Bean
  OperationCustomizer problemAnswers() {
    return (operation, handler) -> {
      ApiResponses responses = operation.getResponses();
      boolean namesAnItem =
          Arrays.stream(handler.getMethodParameters())
              .anyMatch(p -> p.hasParameterAnnotation(PathVariable.class));
      boolean takesABody = operation.getRequestBody() != null;
      Map<String, String> common = new LinkedHashMap<>();
      common.put("400", "The request is malformed or a value is not valid");
      common.put("401", "No valid operator credentials");
      common.put("403", "These credentials may not make this call");
      if (namesAnItem) {
        common.put("404", "The item the path names does not exist");
      }
      if (takesABody) {
        common.put("415", "The body is not sent as application/json");
      }
      common.put("500", "faxbridge failed; the log names the cause");
      common.forEach(
          (code, description) -> {
            if (!responses.containsKey(code)) {
              responses.addApiResponse(code, new ApiResponse().description(description));
            }
          });
      responses.forEach(
          (code, response) -> {
            if (code.startsWith("4") || code.startsWith("5")) {
              response.setContent(
                  new Content()
                      .addMediaType(
                          org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                          new MediaType()
                              .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
            }
          });
      return operation;
    };
  }
}
