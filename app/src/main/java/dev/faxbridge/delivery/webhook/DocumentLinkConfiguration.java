package dev.faxbridge.delivery.webhook;

import dev.faxbridge.platform.SealedColumn;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The link key's sealed column (for key rotation and the at-rest checks). */
@Configuration(proxyBeanMethods = false)
class DocumentLinkConfiguration {

  @Bean
  SealedColumn documentLinkKeyColumn() {
    return new SealedColumn("document_link_key", "key_sealed", "id");
  }
}
