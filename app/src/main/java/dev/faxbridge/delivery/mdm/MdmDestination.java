package dev.faxbridge.delivery.mdm;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.ActiveConnection;
import ca.uhn.hl7v2.app.Initiator;
import ca.uhn.hl7v2.llp.LLPException;
import ca.uhn.hl7v2.llp.MinLowerLayerProtocol;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.v25.message.ACK;
import ca.uhn.hl7v2.model.v25.segment.ERR;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.validation.impl.NoValidation;
import dev.faxbridge.delivery.DeliveryOutcome;
import dev.faxbridge.delivery.Destination;
import dev.faxbridge.delivery.FaxDocument;
import dev.faxbridge.delivery.FaxMetadata;
import dev.faxbridge.provider.DownloadedDocument;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Sends one MDM^T02 per fax over MLLP ({@link MdmMessage}) on a connection of its own, and waits
 * for the acknowledgement: AA or CA is delivered; AR (rejected for reasons unrelated to the
 * message, such as the receiver being busy), no answer within the timeout, or no connection is
 * retried later; AE (an error in this message) is rejected. Either failure carries the receiver's
 * reason. A repeat carries the same TXA-12 and MSH-10, so the receiver replaces the document.
 *
 * <p>The document travels base64-encoded in OBX-5, so it is held in memory; documents above {@link
 * MdmSettings#maxDocumentSize()} are refused with the reason, never read.
 */
public class MdmDestination implements Destination {

  private final MdmSettings settings;
  private final Clock clock;
  private final HapiContext hl7;
  private final PipeParser parser;

  public MdmDestination(MdmSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.hl7 = new DefaultHapiContext(new NoValidation());
    // Character set from MSH-18 (UTF-8), so a sender's name in any script arrives intact.
    hl7.setLowerLayerProtocol(new MinLowerLayerProtocol(true));
    this.parser = hl7.getPipeParser();
  }

  @Override
  public DeliveryOutcome deliver(FaxDocument document) {
    return deliver(document.document(), FaxMetadata.of(document, settings.location()));
  }

  DeliveryOutcome deliver(DownloadedDocument document, FaxMetadata metadata) {
    Optional<DeliveryOutcome.Rejected> tooLarge =
        settings.maxDocumentSize().refusal(document, "HL7 MLLP");
    if (tooLarge.isPresent()) {
      return tooLarge.get();
    }
    Message message;
    try {
      message =
          MdmMessage.build(
              settings, metadata, settings.maxDocumentSize().read(document), clock.instant());
      message.setParser(parser);
    } catch (IOException e) {
      return new DeliveryOutcome.RetryLater(
          "Could not read the staged document: " + e.getClass().getSimpleName());
    } catch (HL7Exception e) {
      return new DeliveryOutcome.Rejected("Could not build the MDM^T02: " + e.getMessage());
    }
    ActiveConnection connection = null;
    try {
      connection =
          new ActiveConnection(
              parser, hl7.getLowerLayerProtocol(), connect(), hl7.getExecutorService());
      connection.activate();
      Initiator initiator = connection.getInitiator();
      initiator.setTimeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
      return acknowledged(initiator.sendAndReceive(message), metadata);
    } catch (IOException | LLPException e) {
      return new DeliveryOutcome.RetryLater(
          "The MLLP receiver at "
              + settings.host()
              + ":"
              + settings.port()
              + " could not be reached: "
              + e.getClass().getSimpleName());
    } catch (HL7Exception e) {
      // The initiator reports a missing acknowledgement as an HL7Exception.
      return new DeliveryOutcome.RetryLater(
          "The MLLP receiver at "
              + settings.host()
              + ":"
              + settings.port()
              + " sent no acknowledgement within "
              + settings.timeout().toMillis()
              + " ms, or none that could be read");
    } finally {
      if (connection != null) {
        connection.close();
      }
    }
  }

  private DeliveryOutcome acknowledged(Message response, FaxMetadata metadata) {
    if (!(response instanceof ACK ack)) {
      return new DeliveryOutcome.RetryLater(
          "The MLLP receiver answered with " + response.getName() + " instead of an ACK");
    }
    String code = ack.getMSA().getAcknowledgmentCode().getValue();
    if ("AA".equals(code) || "CA".equals(code)) {
      return new DeliveryOutcome.Delivered("MDM document " + metadata.documentId());
    }
    String answer = "The MLLP receiver answered " + code + reason(ack);
    if ("AE".equals(code) || "CE".equals(code)) {
      return new DeliveryOutcome.Rejected(answer);
    }
    return new DeliveryOutcome.RetryLater(answer);
  }

  /** The receiver's words: MSA-3, the ERR segment's error code texts, user message and details. */
  private static String reason(ACK ack) {
    ERR err = ack.getERR();
    String text =
        Stream.of(
                ack.getMSA().getMsa3_TextMessage().getValue(),
                err.getHL7ErrorCode().getText().getValue(),
                err.getHL7ErrorCode().getOriginalText().getValue(),
                err.getUserMessage().getValue(),
                err.getDiagnosticInformation().getValue())
            .filter(part -> part != null && !part.isBlank())
            .distinct()
            .collect(Collectors.joining("; "));
    if (text.isEmpty()) {
      return "";
    }
    return ": " + (text.length() > 300 ? text.substring(0, 300) + "…" : text);
  }

  private Socket connect() throws IOException {
    int timeout = (int) settings.timeout().toMillis();
    Socket plain = new Socket();
    plain.connect(new InetSocketAddress(settings.host(), settings.port()), timeout);
    if (!settings.tls()) {
      return plain;
    }
    try {
      SSLSocket tls =
          (SSLSocket)
              SSLContext.getDefault()
                  .getSocketFactory()
                  .createSocket(plain, settings.host(), settings.port(), true);
      SSLParameters parameters = tls.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      tls.setSSLParameters(parameters);
      tls.setSoTimeout(timeout);
      tls.startHandshake();
      tls.setSoTimeout(0);
      return tls;
    } catch (NoSuchAlgorithmException e) {
      plain.close();
      throw new IOException("TLS is not available in this JVM", e);
    } catch (IOException e) {
      plain.close();
      throw e;
    }
  }
}
