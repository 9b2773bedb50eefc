package dev.faxbridge;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Entry point: brings every inbound fax of many clinics into an EHR, exactly once. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class FaxbridgeApplication {

  public static void main(String[] args) {
    if (args.length == 2 && args[0].equals("keyset") && args[1].equals("generate")) {
      System.out.println(dev.faxbridge.platform.SecretBox.generateKeyset());
      return;
    }
    SpringApplication.run(FaxbridgeApplication.class, args);
  }
}
