package cn.partybuilding.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

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

	private final Path root;

	FolderFileStore(@Value("${party.data-dir}") Path dataDir) {
		this.root = dataDir.toAbsolutePath().normalize().resolve("files");
	}

	@Override
	public StoredFile put(String folder, InputStream content, String contentType) throws IOException {
		String key = FileKeys.newKey(folder);
		Path dir = Files.createDirectories(root.resolve(folder));
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
		return root.resolve(FileKeys.check(key));
	}
}
