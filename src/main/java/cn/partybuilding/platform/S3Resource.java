package cn.partybuilding.platform;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;

import org.springframework.core.io.AbstractResource;

import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * One object of the bucket as a Spring resource. Its length and date come from one HeadObject (objects never
 * change, so it is asked once); each input stream is a {@link RangedStream}: nothing is fetched until the first
 * read, and a skip before it moves the start of the ranged GetObject, so Spring's Range support (skip to the
 * start, read the region) costs S3 only the bytes from the start on.
 */
final class S3Resource extends AbstractResource {

	private final S3Client s3;

	private final String bucket;

	private final String key;

	private HeadObjectResponse head;

	S3Resource(S3Client s3, String bucket, String key) {
		this.s3 = s3;
		this.bucket = bucket;
		this.key = key;
	}

	private synchronized HeadObjectResponse head() throws FileNotFoundException {
		if (head == null) {
			try {
				head = s3.headObject(b -> b.bucket(bucket).key(key));
			}
			catch (S3Exception e) {
				if (e.statusCode() == 404) {
					throw new FileNotFoundException(getDescription() + " does not exist");
				}
				throw e;
			}
		}
		return head;
	}

	@Override
	public boolean exists() {
		try {
			head();
			return true;
		}
		catch (FileNotFoundException e) {
			return false;
		}
	}

	@Override
	public long contentLength() throws IOException {
		return head().contentLength();
	}

	@Override
	public long lastModified() throws IOException {
		return head().lastModified().toEpochMilli();
	}

	/** The type the object was stored with. */
	String contentType() throws IOException {
		return head().contentType();
	}

	@Override
	public String getFilename() {
		return key.substring(key.lastIndexOf('/') + 1);
	}

	@Override
	public String getDescription() {
		return "S3 object s3://" + bucket + "/" + key;
	}

	@Override
	public InputStream getInputStream() throws IOException {
		return new RangedStream(contentLength());
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof S3Resource that && bucket.equals(that.bucket) && key.equals(that.key);
	}

	@Override
	public int hashCode() {
		return key.hashCode();
	}

	/**
	 * The object's bytes from a position on. Skipping moves the position without reading: before the first read it
	 * only changes the range asked for; later a long skip drops the open response and asks again from the new
	 * position, a short one reads through (cheaper than a new request).
	 */
	final class RangedStream extends InputStream {

		/** Up to this many bytes a skip reads through an open response instead of asking again. */
		private static final long READ_THROUGH = 256 * 1024;

		private final long length;

		private long position;

		private ResponseInputStream<GetObjectResponse> body;

		private boolean closed;

		RangedStream(long length) {
			this.length = length;
		}

		private InputStream body() throws IOException {
			if (closed) {
				throw new IOException("stream closed");
			}
			if (body == null) {
				long from = position;
				try {
					body = s3.getObject(b -> b.bucket(bucket).key(key).range(from == 0 ? null : "bytes=" + from + "-"));
				}
				catch (S3Exception e) {
					if (e.statusCode() == 404) {
						throw new FileNotFoundException(getDescription() + " does not exist");
					}
					throw new IOException("reading " + getDescription() + " from " + from, e);
				}
			}
			return body;
		}

		@Override
		public int read() throws IOException {
			if (position >= length) {
				return -1;
			}
			int b = body().read();
			if (b >= 0) {
				position++;
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int count) throws IOException {
			if (count == 0) {
				return 0;
			}
			if (position >= length) {
				return -1; // S3 answers 416 to a range starting at the end; nothing to ask for
			}
			int n = body().read(buffer, offset, count);
			if (n > 0) {
				position += n;
			}
			return n;
		}

		@Override
		public long skip(long n) throws IOException {
			long skip = Math.max(0, Math.min(n, length - position));
			if (skip == 0) {
				return 0;
			}
			if (body != null && skip <= READ_THROUGH) {
				long skipped = body.skip(skip);
				position += skipped;
				return skipped;
			}
			drop();
			position += skip;
			return skip;
		}

		@Override
		public int available() throws IOException {
			return body == null ? 0 : body.available();
		}

		/** Position for tests: the next byte's offset in the object. */
		long position() {
			return position;
		}

		private void drop() throws IOException {
			if (body != null) {
				ResponseInputStream<GetObjectResponse> open = body;
				body = null;
				if (position < length) {
					open.abort(); // do not drain the rest of the range just to close the connection politely
				}
				open.close();
			}
		}

		@Override
		public void close() throws IOException {
			if (!closed) {
				drop();
				closed = true;
			}
		}
	}
}
