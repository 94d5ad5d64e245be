package cn.partybuilding.member;

import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The data key ring without a database: values name their key's version, every version stays readable. */
class SensitiveDataTest {

	private static final String V1 = Base64.getEncoder().encodeToString(new byte[32]);

	private static final String V2 = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

	private static SensitiveData ring(String... extra) {
		MockEnvironment env = new MockEnvironment().withProperty("party.security.data-key", V1);
		for (int i = 0; i < extra.length; i++) {
			env.setProperty("party.security.data-keys." + (i + 2), extra[i]);
		}
		return new SensitiveData(env);
	}

	@Test
	void aValueRoundTripsUnderEitherSuiteAndNamesItsKey() {
		SensitiveData aes = ring();
		SensitiveData sm = ring("SM:" + V2);
		String a = aes.encrypt("110101199003071234");
		String s = sm.encrypt("110101199003071234");
		assertThat(a).startsWith("v1:");
		assertThat(s).startsWith("v2:");
		assertThat(aes.decrypt(a)).isEqualTo("110101199003071234");
		assertThat(sm.decrypt(s)).isEqualTo("110101199003071234");
		assertThat(sm.current().suite().name()).isEqualTo("SM");
		assertThat(ring("AES:" + V2).encrypt("x")).startsWith("v2:");
	}

	@Test
	void aValueOfTheOldKeyStaysReadableAndFindableAfterANewKeyIsAdded() {
		SensitiveData before = ring();
		String old = before.encrypt("13800138000");
		String oldHash = before.lookupHash("13800138000");
		SensitiveData after = ring("SM:" + V2);
		assertThat(after.decrypt(old)).isEqualTo("13800138000");
		assertThat(after.lookupHash("13800138000")).isNotEqualTo(oldHash);
		assertThat(after.lookupHashes("13800138000")).containsExactly(after.lookupHash("13800138000"), oldHash);
	}

	@Test
	void aChangedValueOrAnUnknownKeyIsRefused() {
		SensitiveData sm = ring("SM:" + V2);
		String sealed = sm.encrypt("110101199003071234");
		byte[] raw = Base64.getDecoder().decode(sealed.substring(3));
		raw[raw.length - 1] ^= 1;
		assertThatThrownBy(() -> sm.decrypt("v2:" + Base64.getEncoder().encodeToString(raw)))
			.isInstanceOf(IllegalStateException.class);
		assertThatThrownBy(() -> ring().decrypt(sealed)).hasMessageContaining("version 2");
		assertThatThrownBy(() -> ring("XX:" + V2)).hasMessageContaining("SUITE:KEY");
	}
}
