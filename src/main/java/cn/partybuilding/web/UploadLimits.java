package cn.partybuilding.web;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.HandlerInterceptor;

import cn.partybuilding.shared.UploadLimit;

/**
 * The container accepts uploads as large as the largest any path takes (study videos); this refuses one over its
 * own path's limit before anything reads it, so a 400 MB post to a page that expects a 10 MB scan is answered at
 * once and never held in memory. Multipart parts are resolved lazily, so nothing was read before this runs.
 */
@Component
class UploadLimits implements HandlerInterceptor {

	/** What the form fields beside the file may add to a request. */
	private static final long FIELDS = 1024 * 1024;

	private final List<UploadLimit> limits;

	private final long defaultBytes;

	UploadLimits(List<UploadLimit> limits, @Value("${party.upload.max-file-size:20MB}") DataSize defaultSize) {
		this.limits = limits;
		this.defaultBytes = defaultSize.toBytes();
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		String type = request.getContentType();
		if (type == null || !type.toLowerCase().startsWith("multipart/")) {
			return true;
		}
		String path = request.getRequestURI().substring(request.getContextPath().length());
		long limit = limits.stream().filter(l -> l.covers(path)).mapToLong(UploadLimit::maxBytes).max().orElse(defaultBytes);
		long length = request.getContentLengthLong();
		// a request without a length (chunked; test clients) is left to the container's own largest limit
		if (length > limit + FIELDS) {
			throw new MaxUploadSizeExceededException(limit);
		}
		return true;
	}
}
