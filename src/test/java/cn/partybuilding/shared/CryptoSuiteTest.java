package cn.partybuilding.shared;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Known answers: the standards' own test vectors for the algorithms the suites are built from. */
class CryptoSuiteTest {

	private static final HexFormat HEX = HexFormat.of();

	@Test
	void sm4EncryptsTheVectorOfGbT32907() {
		byte[] key = HEX.parseHex("0123456789abcdeffedcba9876543210");
		SM4Engine sm4 = new SM4Engine();
		sm4.init(true, new KeyParameter(key));
		byte[] block = key.clone();
		sm4.processBlock(block, 0, block, 0);
		assertThat(HEX.formatHex(block)).isEqualTo("681edf34d206965e86b3e94f536e4246");
		// the standard's second example: the same block encrypted 1 000 000 times
		block = key.clone();
		for (int i = 0; i < 1_000_000; i++) {
			sm4.processBlock(block, 0, block, 0);
		}
		assertThat(HEX.formatHex(block)).isEqualTo("595298c7c6fd271f0402f804c33d3f66");
	}

	@Test
	void sm3HashesTheVectorsOfGbT32905() {
		assertThat(sm3("abc")).isEqualTo("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
		assertThat(sm3("abcd".repeat(16))).isEqualTo("debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");
	}

	private static String sm3(String text) {
		SM3Digest sm3 = new SM3Digest();
		byte[] in = text.getBytes(StandardCharsets.US_ASCII);
		sm3.update(in, 0, in.length);
		byte[] out = new byte[32];
		sm3.doFinal(out, 0);
		return HEX.formatHex(out);
	}

	@Test
	void sm4GcmSealsTheVectorOfRfc8998() {
		byte[] key = HEX.parseHex("0123456789abcdeffedcba9876543210");
		byte[] iv = HEX.parseHex("00001234567800000000abcd");
		byte[] aad = HEX.parseHex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
		byte[] plain = HEX.parseHex("aaaaaaaaaaaaaaaabbbbbbbbbbbbbbbbccccccccccccccccdddddddddddddddd"
				+ "eeeeeeeeeeeeeeeeffffffffffffffffeeeeeeeeeeeeeeeeaaaaaaaaaaaaaaaa");
		byte[] sealed = CryptoSuite.SM.gcm(true, key, iv, aad, plain);
		assertThat(HEX.formatHex(sealed)).isEqualTo("17f399f08c67d5ee19d0dc9969c4bb7d5fd46fd3756489069157b282bb200735"
				+ "d82710ca5c22f0ccfa7cbf93d496ac15a56834cbcf98c397b4024a2691233b8d" + "83de3541e4c2b58177e065a9bf7b62ec");
		assertThat(CryptoSuite.SM.gcm(false, key, iv, aad, sealed)).isEqualTo(plain);
	}

	@Test
	void hmacSha256GivesTheAnswerOfRfc4231() {
		byte[] mac = CryptoSuite.AES.mac("Jefe".getBytes(StandardCharsets.US_ASCII))
			.update("what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII))
			.finish();
		assertThat(HEX.formatHex(mac)).isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
	}

	@Test
	void bothSuitesSealAndOpenAndRefuseAChangedValue() {
		byte[] master = new byte[32];
		byte[] nonce = new byte[CryptoSuite.NONCE];
		for (CryptoSuite suite : CryptoSuite.values()) {
			byte[] key = suite.cipherKey(master, "encryption");
			byte[] sealed = suite.seal(key, nonce, "110101199003071234".getBytes(StandardCharsets.UTF_8));
			assertThat(new String(suite.open(key, sealed), StandardCharsets.UTF_8)).isEqualTo("110101199003071234");
			sealed[sealed.length - 1] ^= 1;
			assertThatThrownBy(() -> suite.open(key, sealed)).isInstanceOf(IllegalStateException.class);
		}
		assertThat(CryptoSuite.SM.cipherKey(master, "encryption")).hasSize(16);
		assertThat(CryptoSuite.AES.cipherKey(master, "encryption")).hasSize(32);
		assertThat(CryptoSuite.SM.macKey(master, "lookup")).isNotEqualTo(CryptoSuite.AES.macKey(master, "lookup"));
	}
}
