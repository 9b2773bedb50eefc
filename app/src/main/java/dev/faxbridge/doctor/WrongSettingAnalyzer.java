package dev.faxbridge.doctor;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a {@link WrongSetting} as Spring Boot's "APPLICATION FAILED TO START" block (setting,
 * value, fix); the stack trace is logged at debug level only.
 */
class WrongSettingAnalyzer extends AbstractFailureAnalyzer<WrongSetting> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, WrongSetting cause) {
    return new FailureAnalysis(cause.description(), cause.fix(), cause);
  }
}
