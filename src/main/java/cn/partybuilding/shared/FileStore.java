package cn.partybuilding.shared;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.springframework.core.io.Resource;

/**
 * Where files live (videos, documents, attachments): the data folder on the embedded default, S3-compatible
 * storage when several nodes serve one platform ({@code party.files.store=fs|s3}). A file is written once under a
 * key the store chooses and never changed; its content is streamed, never held in memory whole.
 */
public interface FileStore {

	/** A file as stored: its key (a path-like name safe in URLs) and its size in bytes. */
	record StoredFile(String key, long size) {
	}

	/**
	 * Stores the stream's bytes (read to its end) under a new key in {@code folder} (letters, digits and dashes).
	 * Nothing is left behind when the stream fails.
	 */
	StoredFile put(String folder, InputStream content, String contentType) throws IOException;

	/**
	 * The stored content, readable as often as needed; its {@code contentLength()} is known and its input
	 * stream skips without reading what it skips, so an HTTP Range request costs only the bytes it asks for.
	 */
	Resource open(String key);

	/** Removes the file; a missing one is not an error. */
	void delete(String key);

	/** For callers that cannot throw the checked exception. */
	default StoredFile putUnchecked(String folder, InputStream content, String contentType) {
		try {
			return put(folder, content, contentType);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
