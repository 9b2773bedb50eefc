package dev.faxbridge.tenant;

import java.util.Objects;
import java.util.UUID;

public record TenantId(UUID value) {

  public TenantId {
    Objects.requireNonNull(value, "tenant id");
  }

  public static TenantId random() {
    return new TenantId(UUID.randomUUID());
  }

  public static TenantId parse(String text) {
    return new TenantId(UUID.fromString(text));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
