package dev.faxbridge.platform;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * With no {@code spring.datasource.url}, faxbridge runs its own PostgreSQL; with one, Spring Boot's
 * own data source configuration applies and this class does nothing.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isBlank()")
class DatabaseConfiguration {

  @Bean(destroyMethod = "close")
  EmbeddedDatabase embeddedDatabase(DatabaseSettings settings, Environment environment) {
    return environment.getProperty(DatabaseSettings.ATTACH_TO_RUNNING, Boolean.class, false)
        ? EmbeddedDatabase.attachOrStart(settings)
        : EmbeddedDatabase.start(settings);
  }

  @Bean
  DataSource dataSource(EmbeddedDatabase database) {
    HikariDataSource dataSource =
        DataSourceBuilder.create()
            .type(HikariDataSource.class)
            .url(database.jdbcUrl())
            .username(database.username())
            .password(database.password())
            .build();
    dataSource.setPoolName("faxbridge");
    dataSource.setMaximumPoolSize(20);
    return dataSource;
  }
}
