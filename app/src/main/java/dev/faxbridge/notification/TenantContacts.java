package dev.faxbridge.notification;

import dev.faxbridge.platform.SecretBox;
import dev.faxbridge.tenant.TenantId;
import java.net.URI;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Per-tenant notification settings; the webhook secret is sealed with the tenant id. */
@Repository
public class TenantContacts {

  private final JdbcClient jdbc;
  private final SecretBox secrets;
  private final Clock clock;

  TenantContacts(JdbcClient jdbc, SecretBox secrets, Clock clock) {
    this.jdbc = jdbc;
    this.secrets = secrets;
    this.clock = clock;
  }

  /**
   * Who hears about the tenant's broken authorizations. {@link #toString()} hides the secret.
   *
   * @param contactEmail the clinic contact, or null for no email
   * @param webhookUrl the operator's receiver, or null for no webhook
   * @param webhookSecret the HMAC-SHA256 key of the webhook signature
   */
  public record Contacts(String contactEmail, URI webhookUrl, String webhookSecret) {

    public Contacts {
      if (contactEmail != null && contactEmail.length() > 254) {
        throw new IllegalArgumentException(
            "contactEmail is at most 254 characters, this one has " + contactEmail.length());
      }
      if (contactEmail != null && !contactEmail.isBlank() && !contactEmail.contains("@")) {
        throw new IllegalArgumentException(
            "contactEmail must be an email address, was '" + contactEmail + "'");
      }
      if (webhookUrl != null && webhookUrl.toString().length() > 2048) {
        throw new IllegalArgumentException("webhookUrl is at most 2048 characters");
      }
      if (webhookUrl != null) {
        if (!"https".equals(webhookUrl.getScheme()) && !"http".equals(webhookUrl.getScheme())) {
          throw new IllegalArgumentException(
              "webhookUrl must be an http(s) URL, was " + webhookUrl.getScheme() + " URL");
        }
        if (webhookSecret == null || webhookSecret.length() < 24) {
          throw new IllegalArgumentException(
              "webhookSecret must be given with webhookUrl and be at least 24 characters; generate"
                  + " one with 'openssl rand -base64 32'");
        }
      }
      contactEmail = contactEmail == null || contactEmail.isBlank() ? null : contactEmail.strip();
    }

    @Override
    public String toString() {
      return "Contacts[contactEmail="
          + (contactEmail == null ? "none" : "set")
          + ", webhookUrl="
          + webhookUrl
          + "]";
    }
  }

  public void put(TenantId tenant, Contacts contacts) {
    byte[] sealed =
        contacts.webhookSecret() == null
            ? null
            : secrets.seal(contacts.webhookSecret(), tenant.toString());
    jdbc.sql(
            """
            insert into tenant_notification_settings (tenant_id, contact_email, webhook_url,
                webhook_secret_ciphertext, updated_at)
            values (:tenant, :email, :url, :secret, :now)
            on conflict (tenant_id) do update set contact_email = excluded.contact_email,
                webhook_url = excluded.webhook_url,
                webhook_secret_ciphertext = excluded.webhook_secret_ciphertext,
                updated_at = excluded.updated_at
            """)
        .param("tenant", tenant.value())
        .param("email", contacts.contactEmail())
        .param("url", contacts.webhookUrl() == null ? null : contacts.webhookUrl().toString())
        .param("secret", sealed)
        .param("now", Timestamp.from(clock.instant()))
        .update();
  }

  /**
   * Wipes the tenant's notification settings (contact address, webhook and its secret) and drops
   * the notifications not yet sent to it; answers how many settings rows and notifications went.
   */
  public int wipe(TenantId tenant) {
    int settings =
        jdbc.sql("delete from tenant_notification_settings where tenant_id = :tenant")
            .param("tenant", tenant.value())
            .update();
    int pending =
        jdbc.sql("delete from notification where tenant_id = :tenant and state = 'PENDING'")
            .param("tenant", tenant.value())
            .update();
    return settings + pending;
  }

  public Optional<Contacts> find(TenantId tenant) {
    return jdbc.sql("select * from tenant_notification_settings where tenant_id = :tenant")
        .param("tenant", tenant.value())
        .query(
            (rs, row) -> {
              String url = rs.getString("webhook_url");
              byte[] secret = rs.getBytes("webhook_secret_ciphertext");
              return new Contacts(
                  rs.getString("contact_email"),
                  url == null ? null : URI.create(url),
                  secret == null ? null : secrets.open(secret, tenant.toString()));
            })
        .optional();
  }
}
