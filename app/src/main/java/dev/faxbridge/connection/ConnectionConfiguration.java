package dev.faxbridge.connection;

import dev.faxbridge.platform.SealedColumn;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The columns where this feature keeps sealed secrets (for key rotation). */
@Configuration(proxyBeanMethods = false)
class ConnectionConfiguration {

  @Bean
  SealedColumn connectionCredentialColumn() {
    return new SealedColumn("provider_connection", "credential_ciphertext", "id");
  }

  @Bean
  SealedColumn connectionTokenColumn() {
    return new SealedColumn("connection_token", "token_ciphertext", "connection_id");
  }

  @Bean
  SealedColumn connectLinkVerifierColumn() {
    return new SealedColumn("connect_link", "verifier_ciphertext", "id");
  }
}
