package dev.faxbridge.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled run the demo (the {@code demo} profile sets it)
 * @param clinics the demo clinics, each a tenant; on RingCentral unless named below
 * @param faxageClinics clinics (of {@code clinics}) still on Faxage only, with an emulated Faxage
 *     company instead of a RingCentral account
 * @param migratingClinics clinics (of {@code clinics}) in mid-migration: a Faxage company and a
 *     RingCentral account at once, both delivering into the clinic's folder
 * @param faxEvery how often one of the clinics receives a fax
 * @param syncInterval how often each demo clinic is synced
 * @param emulatorPort the emulated platform's port (0 = any free port)
 * @param emulatorMediaPort the emulated media host's port (0 = any free port)
 * @param faxageEmulatorPort the emulated Faxage's port (0 = any free port)
 * @param stateDirectory where the emulator and the demo keep their state across restarts
 * @param fhirClinic the demo clinic whose faxes also go to the in-process FHIR server at {@code
 *     /demo-fhir} (besides its folder); empty for none
 */
@ConfigurationProperties("faxbridge.demo")
public record DemoSettings(
    @DefaultValue("false") boolean enabled,
    @DefaultValue({"Riverside Family Practice", "Lakeview Pediatrics", "Hillcrest Cardiology"})
        List<String> clinics,
    @DefaultValue("Lakeview Pediatrics") List<String> faxageClinics,
    @DefaultValue("Hillcrest Cardiology") List<String> migratingClinics,
    @DefaultValue("5s") Duration faxEvery,
    @DefaultValue("10s") Duration syncInterval,
    @DefaultValue("0") int emulatorPort,
    @DefaultValue("0") int emulatorMediaPort,
    @DefaultValue("0") int faxageEmulatorPort,
    @DefaultValue("./data/demo") Path stateDirectory,
    @DefaultValue("Hillcrest Cardiology") String fhirClinic) {}
