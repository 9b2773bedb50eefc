package dev.faxbridge.delivery.webhook;

import dev.faxbridge.audit.AuditKind;
import dev.faxbridge.audit.AuditTrail;
import java.util.Map;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves a document behind a signed download link. Open without credentials (the signed token is
 * the credential, see {@link SignedDocumentLinks}); every download is audited with the link's id,
 * never the token. A wrong token answers 404, an expired one 410; neither says more.
 */
@RestController
class DocumentLinkEndpoint {

  private final SignedDocumentLinks links;
  private final AuditTrail audit;

  DocumentLinkEndpoint(SignedDocumentLinks links, AuditTrail audit) {
    this.links = links;
    this.audit = audit;
  }

  @GetMapping("/documents/{token}")
  ResponseEntity<Resource> download(@PathVariable String token) {
    SignedDocumentLinks.Access access = links.open(token);
    if (access instanceof SignedDocumentLinks.Access.Expired) {
      return ResponseEntity.status(HttpStatus.GONE).cacheControl(CacheControl.noStore()).build();
    }
    if (!(access instanceof SignedDocumentLinks.Access.Granted granted)) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND)
          .cacheControl(CacheControl.noStore())
          .build();
    }
    SignedDocumentLinks.Published document = granted.document();
    audit.record(
        AuditKind.FAX_DOCUMENT_DOWNLOADED,
        "document-link",
        document.tenantId(),
        null,
        document.faxId(),
        Map.of("linkId", document.id().toString(), "size", document.size()));
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .contentType(MediaType.parseMediaType(document.contentType()))
        .contentLength(document.size())
        .body(new FileSystemResource(document.file()));
  }
}
