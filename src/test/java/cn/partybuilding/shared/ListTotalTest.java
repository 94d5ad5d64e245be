package cn.partybuilding.shared;

import java.time.Instant;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.AnnotationTransactionAttributeSource;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionInterceptor;
import org.springframework.transaction.support.TransactionTemplate;

import cn.partybuilding.PlatformTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A list's total: exact up to the bound, above it the planner's estimate said as one; the after= position read back. */
class ListTotalTest extends PlatformTest {

	@Autowired
	JdbcTemplate template;

	@Test
	void countedExactlyUpToTheBoundAndEstimatedAbove() {
		long organisations = jdbc.sql("select count(*) from organization").query(Long.class).single();
		assertThat(ListTotal.of(template, 1_000_000, "from organization where id > ?", 0L))
			.isEqualTo(new ListTotal(organisations, true));
		ListTotal estimated = ListTotal.of(template, 2, "from organization where id > ?", 0L);
		assertThat(estimated.exact()).isFalse();
		assertThat(estimated.count()).isGreaterThan(2);
	}

	@Autowired
	PlatformTransactionManager transactionManager;

	/** A list read as the registries read one: a transactional method that asks for one snapshot first. */
	record ListRead(JdbcClient jdbc) implements Supplier<String> {
		@Override
		@Transactional(readOnly = true)
		public String get() {
			ListTotal.oneSnapshot(jdbc);
			return jdbc.sql("show transaction_isolation").query(String.class).single();
		}
	}

	@Test
	void aListsTransactionReadsOneSnapshotAndOneJoinedToAnotherKeepsThatOnesLevel() {
		ProxyFactory proxy = new ProxyFactory(new ListRead(jdbc));
		proxy.addAdvice(new TransactionInterceptor(transactionManager, new AnnotationTransactionAttributeSource()));
		@SuppressWarnings("unchecked")
		Supplier<String> read = (Supplier<String>) proxy.getProxy();
		assertThat(read.get()).isEqualTo("repeatable read");
		// joined to a transaction that has read already: a level set now would fail, so it is left as it is
		String joined = new TransactionTemplate(transactionManager).execute(status -> {
			jdbc.sql("select 1").query(Integer.class).single();
			return read.get();
		});
		assertThat(joined).isEqualTo("read committed");
		// the level was the transaction's, not the connection's: the next one is read committed again
		String next = new TransactionTemplate(transactionManager)
			.execute(status -> jdbc.sql("show transaction_isolation").query(String.class).single());
		assertThat(next).isEqualTo("read committed");
	}

	@Test
	void anEstimateKeepsTwoSignificantDigits() {
		assertThat(ListTotal.rounded(52_345)).isEqualTo(52_000);
		assertThat(ListTotal.rounded(987)).isEqualTo(990);
		assertThat(ListTotal.rounded(42)).isEqualTo(42);
	}

	@Test
	void aPositionIsReadBackAsWrittenAndAnUnreadableOneIsAFieldProblem() {
		Keyset at = Keyset.after(Instant.parse("2026-12-01T08:30:00.123456789Z"), 42);
		assertThat(Keyset.parse(at.token())).isEqualTo(new Keyset(Instant.parse("2026-12-01T08:30:00.123456Z"), 42));
		assertThat(Keyset.parse(null)).isNull();
		assertThatThrownBy(() -> Keyset.parse("soon")).isInstanceOf(FieldProblem.class);
		assertThatThrownBy(() -> Keyset.parse("12.")).isInstanceOf(FieldProblem.class);
	}
}
