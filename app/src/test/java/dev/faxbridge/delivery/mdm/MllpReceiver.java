package dev.faxbridge.delivery.mdm;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.HL7Service;
import ca.uhn.hl7v2.llp.MinLowerLayerProtocol;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.v25.message.MDM_T02;
import ca.uhn.hl7v2.protocol.ReceivingApplication;
import ca.uhn.hl7v2.util.idgenerator.InMemoryIDGenerator;
import ca.uhn.hl7v2.validation.impl.NoValidation;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An HL7 v2 receiver on a real MLLP port in the test JVM (HAPI's server). It keeps one document per
 * unique document number (TXA-12), replacing on a repeat, and answers as told: AA, AE or AR with a
 * reason, or not at all until closed.
 */
public final class MllpReceiver implements AutoCloseable {

  public enum Answer {
    ACCEPT,
    ERROR,
    REJECT,
    SILENCE
  }

  private final HapiContext context = new DefaultHapiContext(new NoValidation());
  private final HL7Service server;
  private final int port;
  private final List<MDM_T02> received = new ArrayList<>();
  private final Map<String, MDM_T02> documents = new LinkedHashMap<>();
  private final CountDownLatch closing = new CountDownLatch(1);
  private volatile Answer answer = Answer.ACCEPT;

  public MllpReceiver() throws IOException, InterruptedException {
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    context.setLowerLayerProtocol(new MinLowerLayerProtocol(true));
    context.getParserConfiguration().setIdGenerator(new InMemoryIDGenerator());
    server = context.newServer(port, false);
    server.registerApplication("MDM", "T02", new Documents());
    server.startAndWait();
  }

  public int port() {
    return port;
  }

  public void answerWith(Answer answer) {
    this.answer = answer;
  }

  public synchronized List<MDM_T02> received() {
    return List.copyOf(received);
  }

  public synchronized Map<String, MDM_T02> documents() {
    return Map.copyOf(documents);
  }

  @Override
  public void close() throws IOException {
    closing.countDown();
    server.stopAndWait();
    context.close();
  }

  private final class Documents implements ReceivingApplication<Message> {

    @Override
    public Message processMessage(Message message, Map<String, Object> metadata)
        throws HL7Exception {
      try {
        switch (answer) {
          case ERROR:
            return message.generateACK(
                AcknowledgmentCode.AE, new HL7Exception("Unknown document type FAX"));
          case REJECT:
            return message.generateACK(
                AcknowledgmentCode.AR, new HL7Exception("Document store is busy"));
          case SILENCE:
            closing.await(1, TimeUnit.MINUTES);
            throw new HL7Exception("closing");
          default:
            MDM_T02 document = (MDM_T02) message;
            synchronized (MllpReceiver.this) {
              received.add(document);
              documents.put(
                  document.getTXA().getUniqueDocumentNumber().getEntityIdentifier().getValue(),
                  document);
            }
            return message.generateACK();
        }
      } catch (IOException | InterruptedException e) {
        throw new HL7Exception(e);
      }
    }

    @Override
    public boolean canProcess(Message message) {
      return true;
    }
  }
}
