package cn.partybuilding.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.Resource;

import cn.partybuilding.shared.FileStore.StoredFile;

/** The data-folder store on a real temporary folder. */
class FolderFileStoreTest {

	@TempDir
	Path dataDir;

	private static byte[] random(int size) {
		byte[] bytes = new byte[size];
		new Random(size).nextBytes(bytes);
		return bytes;
	}

	private List<Path> filesUnder(Path dir) throws IOException {
		if (!Files.exists(dir)) {
			return List.of();
		}
		try (Stream<Path> files = Files.walk(dir)) {
			return files.filter(Files::isRegularFile).toList();
		}
	}

	@Test
	void roundTripAndSkip() throws IOException {
		FolderFileStore store = new FolderFileStore(dataDir);
		byte[] data = random(5 * 1024 * 1024);

		StoredFile stored = store.put("videos", new ByteArrayInputStream(data), "video/mp4");

		assertThat(stored.key()).matches("videos/[0-9a-f-]{36}");
		assertThat(stored.size()).isEqualTo(data.length);
		assertThat(dataDir.resolve("files").resolve(stored.key())).exists();
		Resource resource = store.open(stored.key());
		assertThat(resource.contentLength()).isEqualTo(data.length);
		try (InputStream in = resource.getInputStream()) {
			assertThat(in.readAllBytes()).isEqualTo(data);
		}
		try (InputStream in = resource.getInputStream()) {
			assertThat(in.skip(data.length - 1000)).isEqualTo(data.length - 1000);
			assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(data, data.length - 1000, data.length));
		}

		store.delete(stored.key());
		assertThat(store.open(stored.key()).exists()).isFalse();
		assertThatThrownBy(store.open(stored.key())::contentLength).isInstanceOf(FileNotFoundException.class);
		store.delete(stored.key()); // a missing one is not an error
	}

	@Test
	void badKeysAndFoldersAreRefused() {
		FolderFileStore store = new FolderFileStore(dataDir);
		for (String key : List.of("../x", "videos/../../etc/passwd", "videos/abc", "/etc/passwd",
				"Videos/00000000-0000-0000-0000-000000000000", "videos/00000000-0000-0000-0000-000000000000/x", "")) {
			assertThatThrownBy(() -> store.open(key)).isInstanceOf(IllegalArgumentException.class);
			assertThatThrownBy(() -> store.delete(key)).isInstanceOf(IllegalArgumentException.class);
		}
		for (String folder : List.of("..", "../up", "a/b", "UPPER", "")) {
			assertThatThrownBy(() -> store.put(folder, InputStream.nullInputStream(), null))
				.isInstanceOf(IllegalArgumentException.class);
		}
	}

	@Test
	void aFailedStreamLeavesNoFile() throws IOException {
		FolderFileStore store = new FolderFileStore(dataDir);
		InputStream failing = new SequenceInputStream(new ByteArrayInputStream(random(300_000)), new InputStream() {
			@Override
			public int read() throws IOException {
				throw new IOException("connection reset");
			}
		});

		assertThatThrownBy(() -> store.put("videos", failing, "video/mp4")).isInstanceOf(IOException.class)
			.hasMessage("connection reset");

		assertThat(filesUnder(dataDir.resolve("files"))).isEmpty();
	}
}
