package dev.faxbridge.admin;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Who the audit trail names for an operator call: the authenticated principal, nobody else. */
final class AuditActor {

  private AuditActor() {}

  /**
   * The signed-in operator's name ({@value OperatorTokens#BOOTSTRAP} for the bootstrap token). Only
   * called behind the operator filter chain, so a caller without the operator authority here is a
   * wiring fault, refused rather than audited under a made-up name.
   */
  static String current() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null
        || !authentication.isAuthenticated()
        || !authentication.getAuthorities().contains(OperatorTokens.OPERATOR)) {
      throw new AccessDeniedException("This action needs a signed-in operator");
    }
    return authentication.getName();
  }
}
