package cn.partybuilding.content;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrgType;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Downloads;
import cn.partybuilding.shared.PublicEndpoints;

/**
 * The public portal, for anyone without signing in: the school's public news, notices and features by kind and
 * column, an article with its attachments, and an Atom feed of the newest twenty for the school's website and its
 * 公众号 editors. Anything not live for the public answers 404. Pages are rendered once into {@link PortalCache}
 * and answered with {@code Cache-Control: public} and an ETag (304 when it still matches); no session is made.
 */
@Controller
class PortalPages {

	static final String ATOM = "application/atom+xml;charset=UTF-8";

	static final String HTML = "text/html;charset=UTF-8";

	/** Lists are kept in memory up to this page (the first pages are what crowds read). */
	static final int CACHED_PAGES = 3;

	private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ISO_INSTANT;

	private final Portal portal;

	private final PortalCache cache;

	private final ContentFiles files;

	private final OrganizationScope scope;

	private final ThymeleafViewResolver views;

	private final MessageSource messages;

	private final String maxAge;

	private final String tagAuthority;

	PortalPages(Portal portal, PortalCache cache, ContentFiles files, OrganizationScope scope,
			ThymeleafViewResolver views, MessageSource messages,
			@Value("${party.content.portal-max-age:60}") int maxAge,
			@Value("${party.public-url:http://localhost:8080}") String publicUrl) {
		this.portal = portal;
		this.cache = cache;
		this.files = files;
		this.scope = scope;
		this.views = views;
		this.messages = messages;
		this.maxAge = CacheControl.maxAge(java.time.Duration.ofSeconds(Math.max(0, maxAge))).cachePublic()
			.getHeaderValue();
		String host = URI.create(publicUrl).getHost();
		this.tagAuthority = host == null || host.isBlank() ? "localhost" : host;
	}

	@GetMapping("/portal")
	void home(@RequestParam(required = false) String kind, @RequestParam(required = false) String page,
			HttpServletRequest request, HttpServletResponse response) {
		ContentKind k = kind == null || kind.isBlank() ? null : ContentItems.parse(ContentKind.class, kind);
		if (kind != null && !kind.isBlank() && k == null) {
			missing(request, response);
			return;
		}
		int p = pageIndex(page);
		list("list|" + k + "|" + p, k, null, null, p, request, response);
	}

	@GetMapping("/portal/columns/{id}")
	void column(@PathVariable long id, @RequestParam(required = false) String page, HttpServletRequest request,
			HttpServletResponse response) {
		String name = portal.columnName(id).orElse(null);
		if (name == null) {
			missing(request, response);
			return;
		}
		int p = pageIndex(page);
		list("column|" + id + "|" + p, null, id, name, p, request, response);
	}

	private void list(String key, ContentKind kind, Long columnId, String columnName, int page,
			HttpServletRequest request, HttpServletResponse response) {
		PortalCache.Page rendered;
		String localised = key + "|" + locale(request).toLanguageTag();
		if (page < CACHED_PAGES) {
			rendered = cache.get(localised, () -> renderList(kind, columnId, columnName, page, request, response));
		}
		else {
			rendered = renderList(kind, columnId, columnName, page, request, response);
		}
		send(rendered, request, response);
	}

	private PortalCache.Page renderList(ContentKind kind, Long columnId, String columnName, int page,
			HttpServletRequest request, HttpServletResponse response) {
		Map<String, Object> model = frame();
		var lines = portal.list(kind, columnId, page);
		model.put("lines", lines);
		model.put("kind", kind == null ? null : kind.name());
		model.put("columnId", columnId);
		model.put("columnName", columnName);
		String base = columnId == null ? "/portal" : "/portal/columns/" + columnId;
		String kindParam = kind == null ? "" : "kind=" + kind.name() + "&";
		model.put("previousLink", page > 0 ? base + "?" + kindParam + "page=" + page : null);
		model.put("nextLink", lines.hasNext() ? base + "?" + kindParam + "page=" + (page + 2) : null);
		return render("content/portal", model, request, response);
	}

	@GetMapping("/portal/items/{id}")
	void item(@PathVariable long id, HttpServletRequest request, HttpServletResponse response) {
		String key = "item|" + id + "|" + locale(request).toLanguageTag();
		PortalCache.Page rendered = cache.get(key, () -> portal.item(id).map(item -> {
			Map<String, Object> model = frame();
			model.put("item", item);
			return render("content/portal-item", model, request, response);
		}).orElse(null));
		if (rendered == null) {
			missing(request, response);
			return;
		}
		send(rendered, request, response);
	}

	/** A public item's attachment, streamed from the file store; nothing for an item not live for the public. */
	@GetMapping("/portal/items/{id}/attachments/{index}")
	ResponseEntity<Resource> attachment(@PathVariable long id, @PathVariable int index) {
		return portal.attachment(id, index).map(a -> {
			MediaType type;
			try {
				type = MediaType.parseMediaType(a.type());
			}
			catch (IllegalArgumentException unknown) {
				type = MediaType.APPLICATION_OCTET_STREAM;
			}
			return ResponseEntity.ok()
				.contentType(type)
				.header(HttpHeaders.CONTENT_DISPOSITION, Downloads.attachment(a.name(), "attachment-" + (index + 1)
						+ extension(a.name())))
				.header("X-Content-Type-Options", "nosniff")
				.header(HttpHeaders.CACHE_CONTROL, maxAge)
				.body(files.open(a));
		}).orElseGet(() -> ResponseEntity.notFound().header(HttpHeaders.CACHE_CONTROL, "no-cache").build());
	}

	@GetMapping("/portal/feed.atom")
	void feed(HttpServletRequest request, HttpServletResponse response) {
		String base = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
		PortalCache.Page rendered = cache.get("feed|" + base, () -> PortalCache.Page.of(atom(base), ATOM));
		send(rendered, request, response);
	}

	// ---- the feed

	/** Atom 1.0 (RFC 4287): ids as tag URIs that outlive a change of address, links absolute from the request. */
	private byte[] atom(String base) {
		Locale zh = Locale.SIMPLIFIED_CHINESE;
		List<Portal.Entry> entries = portal.feed();
		String school = school();
		Instant updated = entries.stream().map(Portal.Entry::updatedAt).max(Instant::compareTo)
			.orElse(Instant.EPOCH);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
			xml.writeStartDocument("UTF-8", "1.0");
			xml.writeStartElement("feed");
			xml.writeDefaultNamespace("http://www.w3.org/2005/Atom");
			xml.writeAttribute("xml:lang", "zh-CN");
			element(xml, "id", "tag:" + tagAuthority + ",2026:portal");
			element(xml, "title", messages.getMessage("portal.feed.title", new Object[] { school }, zh));
			element(xml, "updated", time(updated));
			link(xml, "self", ATOM.substring(0, ATOM.indexOf(';')), base + "/portal/feed.atom");
			link(xml, "alternate", "text/html", base + "/portal");
			xml.writeStartElement("author");
			element(xml, "name", school);
			xml.writeEndElement();
			for (Portal.Entry e : entries) {
				xml.writeStartElement("entry");
				element(xml, "id", "tag:" + tagAuthority + ",2026:portal/items/" + e.id());
				element(xml, "title", e.title());
				link(xml, "alternate", "text/html", base + "/portal/items/" + e.id());
				element(xml, "published", time(e.publishedAt()));
				element(xml, "updated", time(e.updatedAt()));
				xml.writeStartElement("author");
				element(xml, "name", e.orgName().isEmpty() ? school : e.orgName());
				xml.writeEndElement();
				xml.writeEmptyElement("category");
				xml.writeAttribute("term", e.kind().name());
				xml.writeAttribute("label", messages.getMessage("portal.kind." + e.kind().name(), null, zh));
				xml.writeStartElement("summary");
				xml.writeAttribute("type", "text");
				xml.writeCharacters(xmlText(e.summary()));
				xml.writeEndElement();
				xml.writeEndElement();
			}
			xml.writeEndElement();
			xml.writeEndDocument();
			xml.close();
		}
		catch (XMLStreamException e) {
			throw new IllegalStateException(e);
		}
		return out.toByteArray();
	}

	private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
		xml.writeStartElement(name);
		xml.writeCharacters(xmlText(text));
		xml.writeEndElement();
	}

	private static void link(XMLStreamWriter xml, String rel, String type, String href) throws XMLStreamException {
		xml.writeEmptyElement("link");
		xml.writeAttribute("rel", rel);
		xml.writeAttribute("type", type);
		xml.writeAttribute("href", href);
	}

	/** Text as XML 1.0 allows it: the writer escapes markup; characters XML cannot carry at all are left out. */
	static String xmlText(String text) {
		if (text == null) {
			return "";
		}
		StringBuilder clean = new StringBuilder(text.length());
		text.codePoints().filter(c -> c == 0x9 || c == 0xA || c == 0xD || c >= 0x20 && c <= 0xD7FF
				|| c >= 0xE000 && c <= 0xFFFD || c >= 0x10000 && c <= 0x10FFFF).forEach(clean::appendCodePoint);
		return clean.toString();
	}

	private static String time(Instant at) {
		return RFC3339.format(at.truncatedTo(ChronoUnit.SECONDS));
	}

	// ---- rendering and answering

	/** What every portal page shows around its content: the school, the kinds and the columns. */
	private Map<String, Object> frame() {
		Map<String, Object> model = new HashMap<>();
		model.put("school", school());
		model.put("kinds", List.of(ContentKind.NEWS.name(), ContentKind.NOTICE.name(), ContentKind.FEATURE.name()));
		model.put("columns", portal.columns());
		return model;
	}

	private String school() {
		return scope.activeOfTypes(OrgType.COMMITTEE).stream().filter(o -> o.parentId() == null).map(OrgRef::name)
			.findFirst().orElse("");
	}

	private PortalCache.Page render(String view, Map<String, Object> model, HttpServletRequest request,
			HttpServletResponse response) {
		ContentCachingResponseWrapper capture = new ContentCachingResponseWrapper(response);
		try {
			View resolved = views.resolveViewName(view, locale(request));
			resolved.render(model, request, capture);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		catch (Exception e) {
			throw new IllegalStateException("portal view " + view, e);
		}
		return PortalCache.Page.of(capture.getContentAsByteArray(), HTML);
	}

	private void send(PortalCache.Page page, HttpServletRequest request, HttpServletResponse response) {
		response.setHeader(HttpHeaders.CACHE_CONTROL, maxAge);
		response.setHeader(HttpHeaders.ETAG, page.etag());
		response.setHeader(HttpHeaders.VARY, "Cookie");
		if (PortalCache.matches(request.getHeader(HttpHeaders.IF_NONE_MATCH), page)) {
			response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
			return;
		}
		response.setStatus(HttpServletResponse.SC_OK);
		response.setContentType(page.contentType());
		response.setContentLength(page.body().length);
		try {
			response.getOutputStream().write(page.body());
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** 404 for what is not live for the public (never kept: it may be published in a moment). */
	private void missing(HttpServletRequest request, HttpServletResponse response) {
		response.setStatus(HttpServletResponse.SC_NOT_FOUND);
		PortalCache.Page page = render("content/portal-missing", frame(), request, response);
		response.setStatus(HttpServletResponse.SC_NOT_FOUND);
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
		response.setContentType(page.contentType());
		response.setContentLength(page.body().length);
		try {
			response.getOutputStream().write(page.body());
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static Locale locale(HttpServletRequest request) {
		return RequestContextUtils.getLocale(request);
	}

	/** {@code ?page=} counts from 1; anything else is the first page. */
	static int pageIndex(String page) {
		try {
			return page == null ? 0 : Math.max(0, Math.min(Integer.parseInt(page.strip()) - 1, 10_000));
		}
		catch (NumberFormatException notANumber) {
			return 0;
		}
	}

	private static String extension(String name) {
		int dot = name == null ? -1 : name.lastIndexOf('.');
		String ext = dot < 0 ? "" : name.substring(dot);
		return ext.matches("\\.[A-Za-z0-9]{1,8}") ? ext : "";
	}

	/** The portal is open to anyone. */
	@Component
	static class Open implements PublicEndpoints {

		@Override
		public List<String> paths() {
			return List.of("/portal", "/portal/**");
		}
	}
}
