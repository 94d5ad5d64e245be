package cn.partybuilding.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import cn.partybuilding.shared.FileStore;
import cn.partybuilding.shared.FileStore.StoredFile;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 store against a real S3-compatible server in this JVM: S3Proxy (Jetty 11) over jclouds' transient
 * (in-memory) blob store, spoken to over HTTP with the store's own client. Every request the client sends is
 * recorded, so the tests see which ranges reach S3.
 */
class S3FileStoreTest {

	private static final String ACCESS = "test-access";

	private static final String SECRET = "test-secret";

	private static final int MIB = 1024 * 1024;

	private static S3Proxy proxy;

	private static String endpoint;

	/** METHOD path?query [range] -> response length, one line per request sent. */
	private static final List<String> requests = new CopyOnWriteArrayList<>();

	private static S3Client client;

	private S3FileStore store;

	@BeforeAll
	static void startServer() throws Exception {
		BlobStoreContext context = ContextBuilder.newBuilder("transient")
			.credentials("identity", "credential")
			.overrides(new Properties())
			.build(BlobStoreContext.class);
		proxy = S3Proxy.builder()
			.blobStore(context.getBlobStore())
			.endpoint(URI.create("http://127.0.0.1:0"))
			.awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS, SECRET)
			.build();
		proxy.start();
		while (!AbstractLifeCycle.STARTED.equals(proxy.getState())) {
			Thread.sleep(10);
		}
		endpoint = "http://127.0.0.1:" + proxy.getPort();
		client = S3FileStore.clientBuilder(endpoint, "us-east-1", ACCESS, SECRET, true)
			.overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
				@Override
				public void afterTransmission(Context.AfterTransmission c, ExecutionAttributes a) {
					var request = c.httpRequest();
					requests.add(request.method() + " " + request.encodedPath()
							+ request.encodedQueryParameters().map(q -> "?" + q).orElse("")
							+ request.firstMatchingHeader("Range").map(r -> " [" + r + "]").orElse("") + " -> "
							+ c.httpResponse().firstMatchingHeader("Content-Length").orElse("?"));
				}
			}))
			.build();
	}

	@AfterAll
	static void stopServer() throws Exception {
		client.close();
		proxy.stop();
	}

	@BeforeEach
	void newStore() {
		store = new S3FileStore(client, "party-files", "us-east-1", true, DataSize.ofMegabytes(5));
		requests.clear();
	}

	private static byte[] random(int size) {
		byte[] bytes = new byte[size];
		new Random(size).nextBytes(bytes);
		return bytes;
	}

	@Test
	void aFileLargerThanAPartGoesUpInPartsAndComesBackWhole() throws IOException {
		byte[] data = random(5 * MIB + 12345);

		StoredFile stored = store.put("videos", new ByteArrayInputStream(data), "video/mp4");

		assertThat(stored.key()).matches("videos/[0-9a-f-]{36}");
		assertThat(stored.size()).isEqualTo(data.length);
		assertThat(requests).anyMatch(r -> r.startsWith("POST /party-files/" + stored.key() + "?uploads"))
			.filteredOn(r -> r.startsWith("PUT ") && r.contains("partNumber="))
			.hasSize(2);
		Resource resource = store.open(stored.key());
		assertThat(resource.exists()).isTrue();
		assertThat(resource.contentLength()).isEqualTo(data.length);
		assertThat(((S3Resource) resource).contentType()).isEqualTo("video/mp4");
		try (InputStream in = resource.getInputStream()) {
			assertThat(in.readAllBytes()).isEqualTo(data);
		}
		// readable as often as needed
		try (InputStream in = resource.getInputStream()) {
			assertThat(in.readNBytes(10)).isEqualTo(Arrays.copyOf(data, 10));
		}

		store.delete(stored.key());
		assertThat(store.open(stored.key()).exists()).isFalse();
		store.delete(stored.key()); // a missing one is not an error
	}

	@Test
	void aFileSmallerThanAPartIsOnePut() throws IOException {
		byte[] data = random(1000);

		StoredFile stored = store.put("docs", new ByteArrayInputStream(data), null);

		assertThat(requests).singleElement().asString().startsWith("PUT /party-files/" + stored.key() + " ");
		assertThat(stored.size()).isEqualTo(1000);
		try (InputStream in = store.open(stored.key()).getInputStream()) {
			assertThat(in.readAllBytes()).isEqualTo(data);
		}
		StoredFile empty = store.put("docs", InputStream.nullInputStream(), "text/plain");
		assertThat(empty.size()).isZero();
		assertThat(store.open(empty.key()).contentLength()).isZero();
		try (InputStream in = store.open(empty.key()).getInputStream()) {
			assertThat(in.read()).isEqualTo(-1);
		}
	}

	@Test
	void aSkipBeforeTheFirstReadBecomesTheRangeAndFetchesOnlyTheRest() throws IOException {
		byte[] data = random(5 * MIB);
		StoredFile stored = store.put("videos", new ByteArrayInputStream(data), "video/mp4");
		Resource resource = store.open(stored.key());
		long length = resource.contentLength();
		requests.clear();

		try (InputStream in = resource.getInputStream()) {
			assertThat(in.skip(length - 1000)).isEqualTo(length - 1000);
			assertThat(requests).as("a skip alone asks S3 nothing").isEmpty();
			assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(data, data.length - 1000, data.length));
			assertThat(in.skip(10)).isZero();
			assertThat(in.read()).isEqualTo(-1);
		}
		assertThat(requests).containsExactly(
				"GET /party-files/" + stored.key() + " [bytes=" + (length - 1000) + "-] -> 1000");

		// later: a long skip asks again from the new place, a short one reads through the open response
		requests.clear();
		try (InputStream in = resource.getInputStream()) {
			assertThat(in.readNBytes(100)).isEqualTo(Arrays.copyOf(data, 100));
			assertThat(in.skip(2 * MIB)).isEqualTo(2 * MIB);
			int at = 100 + 2 * MIB;
			assertThat(in.readNBytes(100)).isEqualTo(Arrays.copyOfRange(data, at, at + 100));
			assertThat(in.skip(1000)).isEqualTo(1000);
			at += 1100;
			assertThat(in.readNBytes(100)).isEqualTo(Arrays.copyOfRange(data, at, at + 100));
		}
		assertThat(requests).containsExactly("GET /party-files/" + stored.key() + " -> " + length,
				"GET /party-files/" + stored.key() + " [bytes=" + (100 + 2 * MIB) + "-] -> " + (length - 100 - 2 * MIB));
	}

	@RestController
	static class Files {

		private final FileStore store;

		Files(FileStore store) {
			this.store = store;
		}

		@GetMapping("/files/{folder}/{name}")
		ResponseEntity<Resource> file(@PathVariable String folder, @PathVariable String name) {
			return ResponseEntity.ok().header(HttpHeaders.CONTENT_TYPE, "video/mp4").body(store.open(folder + "/" + name));
		}
	}

	@Test
	void aRangeRequestThroughSpringAnswers206WithOnlyItsBytes() throws Exception {
		byte[] data = random(5 * MIB);
		StoredFile stored = store.put("videos", new ByteArrayInputStream(data), "video/mp4");
		MockMvc mvc = MockMvcBuilders.standaloneSetup(new Files(store)).build();
		int length = data.length;
		requests.clear();

		mvc.perform(get("/files/" + stored.key()).header(HttpHeaders.RANGE, "bytes=-1000"))
			.andExpect(status().isPartialContent())
			.andExpect(header().string(HttpHeaders.CONTENT_RANGE,
					"bytes " + (length - 1000) + "-" + (length - 1) + "/" + length))
			.andExpect(header().string(HttpHeaders.CONTENT_LENGTH, "1000"))
			.andExpect(content().bytes(Arrays.copyOfRange(data, length - 1000, length)));
		assertThat(requests).filteredOn(r -> r.startsWith("GET "))
			.containsExactly("GET /party-files/" + stored.key() + " [bytes=" + (length - 1000) + "-] -> 1000");

		mvc.perform(get("/files/" + stored.key()).header(HttpHeaders.RANGE, "bytes=1000000-1000099"))
			.andExpect(status().isPartialContent())
			.andExpect(header().string(HttpHeaders.CONTENT_RANGE, "bytes 1000000-1000099/" + length))
			.andExpect(content().bytes(Arrays.copyOfRange(data, 1000000, 1000100)));

		mvc.perform(get("/files/" + stored.key()))
			.andExpect(status().isOk())
			.andExpect(header().string(HttpHeaders.ACCEPT_RANGES, "bytes"))
			.andExpect(header().string(HttpHeaders.CONTENT_LENGTH, String.valueOf(length)))
			.andExpect(content().bytes(data));
	}

	/** Gives {@code good} bytes, then fails as a dropped connection would. */
	private static InputStream failingAfter(int good) {
		return new InputStream() {
			private final InputStream data = new ByteArrayInputStream(random(good));

			@Override
			public int read() throws IOException {
				int b = data.read();
				if (b < 0) {
					throw new IOException("connection reset");
				}
				return b;
			}

			@Override
			public int read(byte[] buffer, int offset, int count) throws IOException {
				int n = data.read(buffer, offset, count);
				if (n < 0) {
					throw new IOException("connection reset");
				}
				return n;
			}
		};
	}

	@Test
	void aFailedUploadLeavesNothing() {
		// fails in the second part: the first is already in S3, the multipart upload is aborted
		assertThatThrownBy(() -> store.put("failed-late", failingAfter(7 * MIB), "video/mp4"))
			.isInstanceOf(IOException.class)
			.hasMessage("connection reset");
		assertThat(requests).anyMatch(r -> r.startsWith("DELETE ") && r.contains("uploadId="));
		// fails before a part is full: nothing was sent
		requests.clear();
		assertThatThrownBy(() -> store.put("failed-early", failingAfter(MIB), "video/mp4"))
			.isInstanceOf(IOException.class);
		assertThat(requests).isEmpty();

		for (String folder : List.of("failed-late/", "failed-early/")) {
			assertThat(client.listObjectsV2(b -> b.bucket("party-files").prefix(folder)).contents()).isEmpty();
			assertThat(client.listMultipartUploads(b -> b.bucket("party-files").prefix(folder)).uploads()).isEmpty();
		}
	}

	@Test
	void missingFilesAndForeignKeys() {
		Resource missing = store.open("videos/00000000-0000-0000-0000-000000000000");
		assertThat(missing.exists()).isFalse();
		assertThatThrownBy(missing::contentLength).isInstanceOf(FileNotFoundException.class);
		assertThatThrownBy(missing::getInputStream).isInstanceOf(FileNotFoundException.class);

		for (String key : List.of("../x", "videos/../../etc/passwd", "videos/abc", "Videos/00000000-0000-0000-0000-000000000000",
				"videos/00000000-0000-0000-0000-000000000000/x", "")) {
			assertThatThrownBy(() -> store.open(key)).isInstanceOf(IllegalArgumentException.class);
			assertThatThrownBy(() -> store.delete(key)).isInstanceOf(IllegalArgumentException.class);
		}
		assertThatThrownBy(() -> store.put("../up", InputStream.nullInputStream(), null))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void theBucketIsCreatedAtStartUnlessSwitchedOff() {
		new S3FileStore(client, "made-at-start", "us-east-1", true, DataSize.ofMegabytes(8));
		client.headBucket(b -> b.bucket("made-at-start"));

		new S3FileStore(client, "not-made", "us-east-1", false, DataSize.ofMegabytes(8));
		assertThat(client.listBuckets().buckets()).noneMatch(b -> b.name().equals("not-made"));

		assertThatThrownBy(() -> new S3FileStore(client, "small-parts", "us-east-1", true, DataSize.ofMegabytes(1)))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("part-size");
	}

	@Test
	void theSettingChoosesTheStore() {
		ApplicationContextRunner runner = new ApplicationContextRunner()
			.withInitializer(c -> c.getBeanFactory().setConversionService(new ApplicationConversionService()))
			.withUserConfiguration(FolderFileStore.class, S3FileStore.class)
			.withPropertyValues("party.data-dir=target/s3-store-test-data");

		runner.run(context -> assertThat(context).getBean(FileStore.class).isInstanceOf(FolderFileStore.class));
		runner
			.withPropertyValues("party.files.store=s3", "party.files.s3.endpoint=" + endpoint,
					"party.files.s3.bucket=from-settings", "party.files.s3.access-key=" + ACCESS,
					"party.files.s3.secret-key=" + SECRET)
			.run(context -> {
				assertThat(context).getBean(FileStore.class).isInstanceOf(S3FileStore.class);
				FileStore fromSettings = context.getBean(FileStore.class);
				StoredFile stored = fromSettings.put("docs", new ByteArrayInputStream(random(100)), "text/plain");
				assertThat(fromSettings.open(stored.key()).contentLength()).isEqualTo(100);
			});
	}
}
