package cn.partybuilding.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

import cn.partybuilding.shared.FileStore;

/**
 * The embedded default: files under {@code party.data-dir}/files. A file is written to a temporary name and
 * moved into place, so a failed upload leaves nothing a key could point to.
 */
@Component
@ConditionalOnProperty(name = "party.files.store", havingValue = "fs", matchIfMissing = true)
class FolderFileStore implements FileStore {

	private static final Pattern FOLDER = Pattern.compile("[a-z0-9-]{1,40}");

	private static final Pattern KEY = Pattern.compile("[a-z0-9-]{1,40}/[0-9a-f-]{36}");

	private final Path root;

	FolderFileStore(@Value("${party.data-dir}") Path dataDir) {
		this.root = dataDir.toAbsolutePath().normalize().resolve("files");
	}

	@Override
	public StoredFile put(String folder, InputStream content, String contentType) throws IOException {
		if (!FOLDER.matcher(folder).matches()) {
			throw new IllegalArgumentException("folder " + folder);
		}
		Path dir = Files.createDirectories(root.resolve(folder));
		String key = folder + "/" + UUID.randomUUID();
		Path temp = Files.createTempFile(dir, "upload", ".part");
		try {
			long size = Files.copy(content, temp, StandardCopyOption.REPLACE_EXISTING);
			Files.move(temp, root.resolve(key), StandardCopyOption.ATOMIC_MOVE);
			return new StoredFile(key, size);
		}
		finally {
			Files.deleteIfExists(temp);
		}
	}

	@Override
	public Resource open(String key) {
		return new FileSystemResource(path(key));
	}

	@Override
	public void delete(String key) {
		try {
			Files.deleteIfExists(path(key));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private Path path(String key) {
		// keys come from the store itself, but never let one walk out of the folder
		if (!KEY.matcher(key).matches()) {
			throw new IllegalArgumentException("key " + key);
		}
		return root.resolve(key);
	}
}
