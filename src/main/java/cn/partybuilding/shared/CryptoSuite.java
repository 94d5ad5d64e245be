package cn.partybuilding.shared;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The algorithms the platform seals personal data and the audit chain with (setting
 * {@code party.security.crypto.suite}): {@code AES} is AES-256-GCM with HMAC-SHA256 (the JDK's own), {@code SM} is
 * SM4-GCM with HMAC-SM3 (GB/T 32907, GB/T 32905; Bouncy Castle's classes used directly, no provider registered).
 * Both seal with a 12-byte nonce and a 16-byte tag; keys are derived from a 32-byte master key per purpose.
 */
public enum CryptoSuite {

	AES(32) {
		@Override
		byte[] gcm(boolean encrypt, byte[] key, byte[] iv, byte[] aad, byte[] input) {
			try {
				Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
				cipher.init(encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
						new GCMParameterSpec(128, iv));
				if (aad.length > 0) {
					cipher.updateAAD(aad);
				}
				return cipher.doFinal(input);
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException(encrypt ? "encryption failed" : "a sealed value does not open with its key", ex);
			}
		}

		@Override
		public Keyed mac(byte[] key) {
			try {
				Mac mac = Mac.getInstance("HmacSHA256");
				mac.init(new SecretKeySpec(key, "HmacSHA256"));
				return new Keyed() {
					@Override
					public Keyed update(byte[] data) {
						mac.update(data);
						return this;
					}

					@Override
					public byte[] finish() {
						return mac.doFinal();
					}
				};
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
		}
	},

	SM(16) {
		@Override
		byte[] gcm(boolean encrypt, byte[] key, byte[] iv, byte[] aad, byte[] input) {
			GCMModeCipher cipher = GCMBlockCipher.newInstance(new SM4Engine());
			cipher.init(encrypt, new AEADParameters(new KeyParameter(key), 128, iv, aad));
			byte[] out = new byte[cipher.getOutputSize(input.length)];
			int n = cipher.processBytes(input, 0, input.length, out, 0);
			try {
				n += cipher.doFinal(out, n);
			}
			catch (InvalidCipherTextException ex) {
				throw new IllegalStateException("a sealed value does not open with its key", ex);
			}
			return n == out.length ? out : Arrays.copyOf(out, n);
		}

		@Override
		public Keyed mac(byte[] key) {
			HMac mac = new HMac(new SM3Digest());
			mac.init(new KeyParameter(key));
			return new Keyed() {
				@Override
				public Keyed update(byte[] data) {
					mac.update(data, 0, data.length);
					return this;
				}

				@Override
				public byte[] finish() {
					byte[] out = new byte[mac.getMacSize()];
					mac.doFinal(out, 0);
					return out;
				}
			};
		}
	};

	/** The nonce's length in bytes, before the sealed text. */
	public static final int NONCE = 12;

	private final int cipherKeyLength;

	CryptoSuite(int cipherKeyLength) {
		this.cipherKeyLength = cipherKeyLength;
	}

	/** A keyed hash being computed: feed it, then finish once. */
	public interface Keyed {

		Keyed update(byte[] data);

		byte[] finish();
	}

	abstract byte[] gcm(boolean encrypt, byte[] key, byte[] iv, byte[] aad, byte[] input);

	/** HMAC-SHA256 or HMAC-SM3 under this key. */
	public abstract Keyed mac(byte[] key);

	/** Nonce followed by the authenticated encryption of the plain bytes (cipher text and tag). */
	public byte[] seal(byte[] key, byte[] nonce, byte[] plain) {
		byte[] sealed = gcm(true, key, nonce, new byte[0], plain);
		byte[] out = new byte[NONCE + sealed.length];
		System.arraycopy(nonce, 0, out, 0, NONCE);
		System.arraycopy(sealed, 0, out, NONCE, sealed.length);
		return out;
	}

	/** The plain bytes of {@link #seal}'s output; a value changed or sealed under another key is refused. */
	public byte[] open(byte[] key, byte[] sealed) {
		return gcm(false, key, Arrays.copyOf(sealed, NONCE), new byte[0], Arrays.copyOfRange(sealed, NONCE, sealed.length));
	}

	/** The key for the cipher of this suite (32 bytes for AES-256, 16 for SM4) derived from a master key. */
	public byte[] cipherKey(byte[] master, String purpose) {
		return Arrays.copyOf(macKey(master, purpose), cipherKeyLength);
	}

	/** A 32-byte key for this suite's keyed hash, derived from a master key: HMAC of party-building/purpose. */
	public byte[] macKey(byte[] master, String purpose) {
		return mac(master).update(("party-building/" + purpose).getBytes(StandardCharsets.UTF_8)).finish();
	}
}
