package cn.partybuilding.account;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.jdbc.PostgreSqlJdbcIndexedSessionRepositoryCustomizer;

/**
 * Spring Session's attributes written with PostgreSQL's upsert. Two requests of one session that add the same new
 * attribute at once (two tabs opened right after signing in, a page and its scripts) each inserted it, and the second
 * collided on the attribute's key and answered 500; with the upsert the later write wins, as it does for an attribute
 * already there.
 */
@Configuration(proxyBeanMethods = false)
class SessionStore {

	@Bean
	PostgreSqlJdbcIndexedSessionRepositoryCustomizer sessionAttributesUpserted() {
		return new PostgreSqlJdbcIndexedSessionRepositoryCustomizer();
	}
}
