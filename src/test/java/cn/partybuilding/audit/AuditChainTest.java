package cn.partybuilding.audit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.partybuilding.PlatformTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class AuditChainTest extends PlatformTest {

	@Autowired
	PlatformTransactionManager transactions;

	/** An audit entry of this test's own: the auditor's search for a name nobody has. */
	private long ownEntry() throws Exception {
		String who = unique("chain-");
		mvc.perform(get("/api/v1/audit-events").param("who", who).with(login("auditor"))).andExpect(status().isOk());
		return jdbc.sql("select id from audit_event where action = 'audit.read' and summary like ? order by id desc limit 1")
			.param("%" + who + "%").query(Long.class).single();
	}

	/** Changes an entry behind the platform's back, as someone with the database's superuser password could. */
	private void overwriteSummary(long id, String summary) {
		new TransactionTemplate(transactions).executeWithoutResult(status -> {
			jdbc.sql("set local session_replication_role = replica").update();
			jdbc.sql("update audit_event set summary = ? where id = ?").params(summary, id).update();
		});
	}

	@Test
	void anEntryAlteredInTheDatabaseIsNamedByTheCheckAndTheChainHoldsOnceItIsRestored() throws Exception {
		long id = ownEntry();
		var auditor = login("auditor");
		mvc.perform(get("/api/v1/audit/verification").with(auditor))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.valid").value(true))
			.andExpect(jsonPath("$.checked").value(greaterThan(0)))
			.andExpect(jsonPath("$.firstBroken").doesNotExist());
		var sealed = jdbc.sql("select chain_seq, mac from audit_event where id = ?").param(id).query().singleRow();
		assertThat(sealed.get("chain_seq")).isNotNull();
		assertThat((String) sealed.get("mac")).matches("(AES|SM):[0-9a-f]{64}");

		String original = jdbc.sql("select summary from audit_event where id = ?").param(id).query(String.class).single();
		overwriteSummary(id, original + "（已删改）");
		try {
			mvc.perform(get("/api/v1/audit/verification").with(auditor))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.valid").value(false))
				.andExpect(jsonPath("$.firstBroken").value(id))
				.andExpect(jsonPath("$.broken").value(1));
			// the check itself is in the log, naming the entry
			assertThat(jdbc.sql("select count(*) from audit_event where action = 'audit.verify' and entity_id = ?")
				.param(Long.toString(id)).query(Long.class).single()).isEqualTo(1);
			// the auditor's and the security administrator's home pages warn
			mvc.perform(get("/").with(auditor)).andExpect(content().string(containsString("审计链校验未通过")));
			mvc.perform(get("/").with(login("secadmin"))).andExpect(content().string(containsString("#" + id)));
			mvc.perform(get("/audit/verification").with(auditor))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("审计链被改动")));
		}
		finally {
			// the database is shared by the whole run: put the entry back as it was
			overwriteSummary(id, original);
		}
		mvc.perform(get("/api/v1/audit/verification").with(auditor))
			.andExpect(jsonPath("$.valid").value(true))
			.andExpect(jsonPath("$.firstBroken").doesNotExist());
		mvc.perform(post("/audit/verification").with(auditor).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("审计链完整")));
	}

	@Test
	void entriesWrittenInTransactionsThatCommitLaterAreSealedInTheOrderTheyArrive() throws Exception {
		long first = ownEntry();
		long second = ownEntry();
		mvc.perform(get("/api/v1/audit/verification").with(login("auditor"))).andExpect(jsonPath("$.valid").value(true));
		long a = jdbc.sql("select chain_seq from audit_event where id = ?").param(first).query(Long.class).single();
		long b = jdbc.sql("select chain_seq from audit_event where id = ?").param(second).query(Long.class).single();
		assertThat(b).isGreaterThan(a);
	}

	@Test
	void aSealedEntryCannotBeChangedNorSealedAgain() throws Exception {
		long id = ownEntry();
		mvc.perform(get("/api/v1/audit/verification").with(login("auditor"))).andExpect(status().isOk());
		assertThatThrownBy(() -> jdbc.sql("update audit_event set mac = 'AES:00' where id = ?").param(id).update())
			.hasStackTraceContaining("append-only");
		assertThatThrownBy(() -> jdbc.sql("update audit_event set chain_seq = chain_seq + 1000000000 where id = ?").param(id)
			.update()).hasStackTraceContaining("append-only");
		assertThatThrownBy(() -> jdbc.sql("update audit_event set summary = 'x', chain_seq = null, mac = null where id = ?")
			.param(id).update()).hasStackTraceContaining("append-only");
		// nor can the record of the checks (the heads they saw) be rewritten or emptied
		assertThatThrownBy(() -> jdbc.sql("update audit_verification set valid = true").update())
			.hasStackTraceContaining("append-only");
		assertThatThrownBy(() -> jdbc.sql("delete from audit_verification").update()).hasStackTraceContaining("append-only");
	}

	@Test
	void onlyTheAuditorChecksTheChain() throws Exception {
		for (String user : new String[] { "secadmin", "sysadmin", "admin", "member1" }) {
			mvc.perform(get("/api/v1/audit/verification").with(login(user))).andExpect(status().isForbidden());
		}
		mvc.perform(get("/audit/verification").with(login("secadmin"))).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/audit/verification")).andExpect(status().isUnauthorized());
	}
}
