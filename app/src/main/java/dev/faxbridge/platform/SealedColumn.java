package dev.faxbridge.platform;

/**
 * A column that holds {@link SecretBox} ciphertexts: its table, the column itself, and the column
 * whose value (as text) is the associated data. Every feature that stores secrets declares its
 * columns as beans, so key rotation re-encrypts all of them and the at-rest test checks all of
 * them.
 */
public record SealedColumn(String table, String ciphertextColumn, String ownerColumn) {

  public SealedColumn {
    for (String name : new String[] {table, ciphertextColumn, ownerColumn}) {
      if (name == null || !name.matches("[a-z_][a-z0-9_]*")) {
        throw new IllegalArgumentException("not a plain SQL identifier: " + name);
      }
    }
  }
}
