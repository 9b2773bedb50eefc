package dev.faxbridge.emulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A method plus a path template such as {@code /restapi/v1.0/account/{accountId}/extension}, with
 * the throttling group the spec assigns it and whether it needs a Bearer token.
 */
final class Route {

  private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z]+)}");

  private final String method;
  private final String template;
  private final RateLimitGroup group;
  private final boolean bearer;
  private final Endpoint endpoint;
  private final String permission;
  private final Pattern pattern;
  private final List<String> names = new ArrayList<>();

  Route(String method, String template, RateLimitGroup group, boolean bearer, Endpoint endpoint) {
    this(method, template, group, bearer, null, endpoint);
  }

  /** A Bearer route that also needs an app scope ({@code x-app-permission} in the spec). */
  Route(
      String method,
      String template,
      RateLimitGroup group,
      boolean bearer,
      String permission,
      Endpoint endpoint) {
    this.permission = permission;
    this.method = method;
    this.template = template;
    this.group = group;
    this.bearer = bearer;
    this.endpoint = endpoint;
    Matcher m = VARIABLE.matcher(template);
    StringBuilder regex = new StringBuilder();
    int last = 0;
    while (m.find()) {
      regex.append(Pattern.quote(template.substring(last, m.start()))).append("([^/]+)");
      names.add(m.group(1));
      last = m.end();
    }
    regex.append(Pattern.quote(template.substring(last)));
    this.pattern = Pattern.compile(regex.toString());
  }

  /** The path variables when this route serves the request, empty otherwise. */
  Optional<Map<String, String>> match(String method, String path) {
    if (!this.method.equals(method)) {
      return Optional.empty();
    }
    Matcher m = pattern.matcher(path);
    if (!m.matches()) {
      return Optional.empty();
    }
    Map<String, String> variables = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      variables.put(names.get(i), m.group(i + 1));
    }
    return Optional.of(variables);
  }

  boolean servesPath(String path) {
    return pattern.matcher(path).matches();
  }

  String method() {
    return method;
  }

  String template() {
    return template;
  }

  RateLimitGroup group() {
    return group;
  }

  boolean bearer() {
    return bearer;
  }

  Endpoint endpoint() {
    return endpoint;
  }

  /** The app scope the route needs, or null. */
  String permission() {
    return permission;
  }
}
