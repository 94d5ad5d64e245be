package cn.partybuilding.member;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.partybuilding.PlatformTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A rotation from AES to SM over the demo's members, driven batch by batch (the tests' setting keeps the background
 * sweep away): values stay readable and look-ups keep finding them half-way.
 */
class KeyRotationTest extends PlatformTest {

	@Autowired
	KeyRotation rotation;

	@Autowired
	SensitiveData sensitive;

	@Autowired
	Members members;

	private record Stored(long id, String idCard, String hash) {
	}

	private Stored last() {
		return jdbc.sql("select id, id_card_encrypted, id_card_hash from member order by id desc limit 1")
			.query((rs, n) -> new Stored(rs.getLong(1), rs.getString(2), rs.getString(3))).single();
	}

	@Test
	void aRotationToSmKeepsEveryValueReadableAndFindableHalfWay() throws Exception {
		var secadmin = login("secadmin");
		Stored before = last();
		String plain = sensitive.decrypt(before.idCard());
		int oldVersion = SensitiveData.versionOf(before.idCard());

		mvc.perform(post("/api/v1/security/key-rotation").param("suite", "SM").with(secadmin).with(csrf().asHeader()))
			.andExpect(status().isAccepted())
			.andExpect(jsonPath("$.suite").value("SM"))
			.andExpect(jsonPath("$.running").value(true))
			.andExpect(jsonPath("$.done").value(0));
		int newVersion = sensitive.current().version();
		assertThat(newVersion).isGreaterThan(oldVersion);
		// a second start while one runs
		mvc.perform(post("/api/v1/security/key-rotation").with(secadmin).with(csrf().asHeader()))
			.andExpect(status().isConflict());
		assertThat(auditCount("security.key-rotation.start", "secadmin")).isPositive();

		// half-way: the first members are under the new key, the last one still under the old
		assertThat(rotation.step(5)).isTrue();
		Stored halfway = last();
		assertThat(halfway.idCard()).startsWith("v" + oldVersion + ":");
		assertThat(sensitive.decrypt(halfway.idCard())).isEqualTo(plain);
		assertThat(sensitive.lookupHash(plain)).isNotEqualTo(halfway.hash());
		assertThat(members.idCardTaken(sensitive.lookupHashes(plain), -1)).isTrue();
		String first = jdbc.sql("select id_card_encrypted from member order by id limit 1").query(String.class).single();
		assertThat(first).startsWith("v" + newVersion + ":");
		mvc.perform(get("/api/v1/security/key-rotation").with(secadmin))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.keyVersion").value(newVersion))
			.andExpect(jsonPath("$.running").value(true))
			.andExpect(jsonPath("$.done").value(5));
		mvc.perform(get("/security/keys").with(secadmin))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("正在轮换到第 " + newVersion + " 版密钥")));

		int batches = 0;
		while (rotation.step(500)) {
			batches++;
			assertThat(batches).isLessThan(10_000);
		}
		Stored after = last();
		assertThat(after.idCard()).startsWith("v" + newVersion + ":");
		assertThat(sensitive.decrypt(after.idCard())).isEqualTo(plain);
		assertThat(after.hash()).isEqualTo(sensitive.lookupHash(plain));
		assertThat(members.idCardTaken(List.of(sensitive.lookupHash(plain)), -1)).isTrue();
		assertThat(jdbc.sql("select count(*) from member where id_card_encrypted not like ? or phone_encrypted not like ?")
			.params("v" + newVersion + ":%", "v" + newVersion + ":%").query(Long.class).single()).isZero();
		mvc.perform(get("/api/v1/security/key-rotation").with(secadmin))
			.andExpect(jsonPath("$.running").value(false))
			.andExpect(jsonPath("$.suite").value("SM"))
			.andExpect(jsonPath("$.finishedAt").exists());
	}

	@Test
	void onlyTheSecurityAdministratorSeesAndRotatesTheKeys() throws Exception {
		for (String user : new String[] { "admin", "sysadmin", "auditor", "member1" }) {
			mvc.perform(get("/api/v1/security/key-rotation").with(login(user))).andExpect(status().isForbidden());
			mvc.perform(post("/api/v1/security/key-rotation").with(login(user)).with(csrf().asHeader()))
				.andExpect(status().isForbidden());
		}
		mvc.perform(get("/security/keys").with(login("admin"))).andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/security/key-rotation").with(login("secadmin"))).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/security/key-rotation")).andExpect(status().isUnauthorized());
	}
}
