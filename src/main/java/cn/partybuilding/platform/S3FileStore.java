package cn.partybuilding.platform;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;

import cn.partybuilding.shared.FileStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Files on S3-compatible storage (MinIO, Ceph, any S3) for several nodes serving one platform
 * ({@code party.files.store=s3}). Keys are {@code folder/uuid} as in the data folder, each an object of one bucket.
 *
 * <p>An upload of unknown length goes up as a multipart upload in parts of {@code party.files.s3.part-size}, so a
 * node needs neither a local disk as large as the largest video nor the whole file in memory (a part at a time);
 * a stream shorter than one part is a single PutObject. When the stream fails the multipart upload is aborted, so
 * nothing is left in the bucket (not even unseen parts that would be billed).
 *
 * <p>{@link #open} answers an {@link S3Resource}: its length from HeadObject, its stream a ranged GetObject opened
 * on the first read, so a skip before it becomes the range's start and an HTTP Range request reads only its bytes.
 */
@Component
@ConditionalOnProperty(name = "party.files.store", havingValue = "s3")
class S3FileStore implements FileStore, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(S3FileStore.class);

	/** S3's smallest part but the last. */
	static final int MIN_PART_SIZE = 5 * 1024 * 1024;

	private final S3Client s3;

	private final String bucket;

	private final int partSize;

	@Autowired
	S3FileStore(@Value("${party.files.s3.endpoint:}") String endpoint,
			@Value("${party.files.s3.region:us-east-1}") String region,
			@Value("${party.files.s3.bucket}") String bucket,
			@Value("${party.files.s3.access-key:}") String accessKey,
			@Value("${party.files.s3.secret-key:}") String secretKey,
			@Value("${party.files.s3.path-style:true}") boolean pathStyle,
			@Value("${party.files.s3.create-bucket:true}") boolean createBucket,
			@Value("${party.files.s3.part-size:8MB}") DataSize partSize) {
		this(clientBuilder(endpoint, region, accessKey, secretKey, pathStyle).build(), bucket, region, createBucket,
				partSize);
	}

	S3FileStore(S3Client s3, String bucket, String region, boolean createBucket, DataSize partSize) {
		if (!StringUtils.hasText(bucket)) {
			throw new IllegalArgumentException("party.files.s3.bucket is required when party.files.store=s3");
		}
		if (partSize.toBytes() < MIN_PART_SIZE || partSize.toBytes() > Integer.MAX_VALUE - 8) {
			throw new IllegalArgumentException("party.files.s3.part-size must be at least 5MB (S3's smallest part)");
		}
		this.s3 = s3;
		this.bucket = bucket;
		this.partSize = (int) partSize.toBytes();
		if (createBucket) {
			createBucketIfMissing(region);
		}
	}

	/**
	 * The client for the settings: the JDK's URL connection as HTTP client (no Netty, no native code), static keys
	 * when given (otherwise the SDK's default chain: environment, profile, instance role), path-style addressing for
	 * MinIO. Checksums only where S3 requires them: the SDK's default trailing checksums are not understood by every
	 * S3-compatible server.
	 */
	static S3ClientBuilder clientBuilder(String endpoint, String region, String accessKey, String secretKey,
			boolean pathStyle) {
		S3ClientBuilder builder = S3Client.builder()
			.httpClientBuilder(UrlConnectionHttpClient.builder())
			.region(Region.of(StringUtils.hasText(region) ? region : "us-east-1"))
			.forcePathStyle(pathStyle)
			.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
			.responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
		if (StringUtils.hasText(endpoint)) {
			builder.endpointOverride(URI.create(endpoint));
		}
		builder.credentialsProvider(StringUtils.hasText(accessKey)
				? StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey))
				: DefaultCredentialsProvider.builder().build());
		return builder;
	}

	private void createBucketIfMissing(String region) {
		try {
			s3.headBucket(b -> b.bucket(bucket));
		}
		catch (S3Exception e) {
			if (e.statusCode() != 404) {
				throw e;
			}
			s3.createBucket(b -> {
				b.bucket(bucket);
				if (StringUtils.hasText(region) && !"us-east-1".equals(region)) {
					b.createBucketConfiguration(c -> c.locationConstraint(region));
				}
			});
			log.info("created bucket {}", bucket);
		}
	}

	@Override
	public StoredFile put(String folder, InputStream content, String contentType) throws IOException {
		String key = FileKeys.newKey(folder);
		String type = StringUtils.hasText(contentType) ? contentType : "application/octet-stream";
		byte[] part = new byte[partSize];
		int filled = content.readNBytes(part, 0, partSize);
		if (filled < partSize) {
			// the whole file fits in one part: a single PutObject, and a failed stream never reached S3
			s3.putObject(b -> b.bucket(bucket).key(key).contentType(type), body(part, filled, type));
			return new StoredFile(key, filled);
		}
		String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType(type)).uploadId();
		try {
			List<CompletedPart> parts = new ArrayList<>();
			long size = 0;
			while (filled > 0) {
				int number = parts.size() + 1;
				int length = filled;
				String etag = s3
					.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number)
						.contentLength((long) length), body(part, length, type))
					.eTag();
				parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
				size += length;
				filled = content.readNBytes(part, 0, partSize);
			}
			s3.completeMultipartUpload(
					b -> b.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
			return new StoredFile(key, size);
		}
		catch (IOException | RuntimeException | Error e) {
			abort(key, uploadId, e);
			throw e;
		}
	}

	/** A part's bytes without copying them; the SDK may read them twice (signing, a retry). */
	private static RequestBody body(byte[] bytes, int length, String type) {
		return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes, 0, length), length, type);
	}

	private void abort(String key, String uploadId, Throwable cause) {
		try {
			s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
		}
		catch (RuntimeException e) {
			// a bucket lifecycle rule (abort incomplete multipart uploads) is the safety net; say so in the log
			log.warn("could not abort the multipart upload {} of {}: {}", uploadId, key, e.toString());
			cause.addSuppressed(e);
		}
	}

	@Override
	public Resource open(String key) {
		return new S3Resource(s3, bucket, FileKeys.check(key));
	}

	@Override
	public void delete(String key) {
		// S3 answers 204 for a missing key too
		s3.deleteObject(b -> b.bucket(bucket).key(FileKeys.check(key)));
	}

	@Override
	public void destroy() {
		s3.close();
	}
}
