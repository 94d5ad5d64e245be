package cn.partybuilding.shared;

/**
 * A module's paths that take larger uploads than the platform's default ({@code party.upload.max-file-size}),
 * such as study videos. Every other upload is refused above the default before its bytes are read.
 */
public interface UploadLimit {

	boolean covers(String path);

	long maxBytes();
}
