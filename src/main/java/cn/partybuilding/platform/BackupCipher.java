package cn.partybuilding.platform;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The encryption of a backup: a key derived from the passphrase (PBKDF2-HMAC-SHA256, a random salt per backup), and
 * from it three keys: one encrypts the content in chunks of 1 MiB with AES-256-GCM, one authenticates the manifest
 * (HMAC-SHA256), one gives a check value that tells a wrong passphrase from an altered backup.
 * <p>
 * A chunk is a flag byte (1 on the last chunk), its length and its ciphertext; the nonce is the chunk's number (the key
 * is new for every backup, so a number is never used twice under one key), and the flag is authenticated, so chunks
 * cannot be reordered, dropped or cut off at the end without the reader noticing.
 */
final class BackupCipher {

	static final String KDF = "PBKDF2WithHmacSHA256";

	static final int ITERATIONS = 600_000;

	private static final int CHUNK = 1 << 20;

	private static final byte[] MAGIC = "PBK1".getBytes(StandardCharsets.US_ASCII);

	private static final SecureRandom RANDOM = new SecureRandom();

	private final byte[] encryptionKey;

	private final byte[] macKey;

	private final byte[] check;

	private BackupCipher(byte[] master) {
		this.encryptionKey = hmac(master, "party-backup encryption");
		this.macKey = hmac(master, "party-backup manifest");
		this.check = Arrays.copyOf(hmac(master, "party-backup check"), 16);
	}

	static byte[] newSalt() {
		byte[] salt = new byte[16];
		RANDOM.nextBytes(salt);
		return salt;
	}

	static BackupCipher derive(char[] passphrase, byte[] salt, int iterations) {
		try {
			PBEKeySpec spec = new PBEKeySpec(passphrase, salt, iterations, 256);
			try {
				return new BackupCipher(SecretKeyFactory.getInstance(KDF).generateSecret(spec).getEncoded());
			}
			finally {
				spec.clearPassword();
			}
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** What the manifest keeps to tell the right passphrase: it reveals nothing of the key. */
	byte[] check() {
		return check.clone();
	}

	boolean checks(byte[] expected) {
		return MessageDigest.isEqual(check, expected);
	}

	byte[] mac(byte[] content) {
		return hmac(macKey, content);
	}

	private static byte[] hmac(byte[] key, String label) {
		return hmac(key, label.getBytes(StandardCharsets.UTF_8));
	}

	private static byte[] hmac(byte[] key, byte[] content) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(content);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private Cipher cipher(int mode, long chunk, boolean last) throws GeneralSecurityException {
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		byte[] nonce = ByteBuffer.allocate(12).putInt(0).putLong(chunk).array();
		cipher.init(mode, new SecretKeySpec(encryptionKey, "AES"), new GCMParameterSpec(128, nonce));
		cipher.updateAAD(MAGIC);
		cipher.updateAAD(new byte[] { (byte) (last ? 1 : 0) });
		return cipher;
	}

	/** Encrypts what is written to it onto {@code out}; closing it writes the last chunk and closes {@code out}. */
	OutputStream encrypting(OutputStream out) throws IOException {
		DataOutputStream data = new DataOutputStream(out);
		data.write(MAGIC);
		return new OutputStream() {

			private final byte[] buffer = new byte[CHUNK];

			private int filled;

			private long chunk;

			private boolean closed;

			@Override
			public void write(int b) throws IOException {
				write(new byte[] { (byte) b }, 0, 1);
			}

			@Override
			public void write(byte[] b, int off, int len) throws IOException {
				while (len > 0) {
					if (filled == CHUNK) {
						seal(false);
					}
					int n = Math.min(len, CHUNK - filled);
					System.arraycopy(b, off, buffer, filled, n);
					filled += n;
					off += n;
					len -= n;
				}
			}

			private void seal(boolean last) throws IOException {
				try {
					byte[] sealed = cipher(Cipher.ENCRYPT_MODE, chunk++, last).doFinal(buffer, 0, filled);
					data.writeByte(last ? 1 : 0);
					data.writeInt(sealed.length);
					data.write(sealed);
					filled = 0;
				}
				catch (GeneralSecurityException ex) {
					throw new IOException(ex);
				}
			}

			@Override
			public void close() throws IOException {
				if (!closed) {
					closed = true;
					seal(true);
					data.close();
				}
			}
		};
	}

	/** Decrypts {@code in}; a chunk that does not authenticate, or an end before the last chunk, is an {@link Altered}. */
	InputStream decrypting(InputStream in) throws IOException {
		DataInputStream data = new DataInputStream(in);
		byte[] magic = new byte[MAGIC.length];
		try {
			data.readFully(magic);
		}
		catch (EOFException ex) {
			throw new Altered("the backup file is empty or cut short");
		}
		if (!Arrays.equals(magic, MAGIC)) {
			throw new Altered("the backup file does not begin as a backup does");
		}
		return new InputStream() {

			private byte[] plain = new byte[0];

			private int pos;

			private long chunk;

			private boolean done;

			@Override
			public int read() throws IOException {
				byte[] one = new byte[1];
				return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
			}

			@Override
			public int read(byte[] b, int off, int len) throws IOException {
				while (pos == plain.length) {
					if (done) {
						return -1;
					}
					next();
				}
				int n = Math.min(len, plain.length - pos);
				System.arraycopy(plain, pos, b, off, n);
				pos += n;
				return n;
			}

			private void next() throws IOException {
				int flag;
				int length;
				byte[] sealed;
				try {
					flag = data.readUnsignedByte();
					length = data.readInt();
					if (flag > 1 || length < 16 || length > CHUNK + 16) {
						throw new Altered("chunk " + chunk + " is malformed");
					}
					sealed = new byte[length];
					data.readFully(sealed);
				}
				catch (EOFException ex) {
					throw new Altered("the backup file ends before its last chunk (cut short)");
				}
				try {
					plain = cipher(Cipher.DECRYPT_MODE, chunk, flag == 1).doFinal(sealed);
				}
				catch (AEADBadTagException ex) {
					throw new Altered("chunk " + chunk + " does not authenticate");
				}
				catch (GeneralSecurityException ex) {
					throw new IOException(ex);
				}
				pos = 0;
				chunk++;
				if (flag == 1) {
					done = true;
					if (data.read() != -1) {
						throw new Altered("data follows the last chunk");
					}
				}
			}

			@Override
			public void close() throws IOException {
				data.close();
			}
		};
	}

	/** The backup has been changed or damaged since it was written. */
	static class Altered extends IOException {

		Altered(String message) {
			super(message);
		}
	}
}
