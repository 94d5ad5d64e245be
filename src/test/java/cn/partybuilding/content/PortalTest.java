package cn.partybuilding.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MvcResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.shared.Caller;

/**
 * The public portal: only live public items, at once gone when withdrawn (pages and feed), a valid Atom feed,
 * no session or cookie for anonymous readers, 304 on a matching ETag, and attachments of public items only.
 */
class PortalTest extends PlatformTest {

	static final String ATOM = "http://www.w3.org/2005/Atom";

	@Autowired
	ContentItems items;

	@Autowired
	ContentFiles files;

	@Autowired
	AccountManagement accounts;

	@Value("${party.security.anonymous-rate-limit}")
	int anonymousLimit;

	static final byte[] PDF = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

	/** Written by the college, approved by the committee: live at once. */
	long published(String title, String audience, String kind, boolean withAttachment) {
		Caller college = accounts.callerFor("college1");
		long id = items.create(college, new ContentItems.ItemRequest(kind, title, "摘要：" + title,
				"<p>" + title + " 的正文。</p>", orgId("SFDX-JSJ"), audience, null, false, null, null, null)).id();
		if (withAttachment) {
			files.attach(college, id, "报名表.pdf", PDF);
		}
		items.submit(college, id);
		assertThat(items.review(accounts.callerFor("admin"), id, ContentItems.Decision.APPROVE, null))
			.isEqualTo(ItemState.PUBLISHED);
		return id;
	}

	MockHttpServletResponse anonymous(String path) throws Exception {
		MvcResult result = mvc.perform(get(path)).andReturn();
		assertThat(result.getRequest().getSession(false)).as("no session for " + path).isNull();
		assertThat(result.getResponse().getHeaders("Set-Cookie")).as("no cookie for " + path).isEmpty();
		return result.getResponse();
	}

	static List<String> feedLinks(byte[] xml) throws Exception {
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setNamespaceAware(true);
		factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
		Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
		Element feed = doc.getDocumentElement();
		assertThat(feed.getNamespaceURI()).isEqualTo(ATOM);
		assertThat(feed.getLocalName()).isEqualTo("feed");
		assertThat(child(feed, "id")).isNotBlank();
		assertThat(child(feed, "title")).isNotBlank();
		assertThat(child(feed, "updated")).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
		List<String> links = new ArrayList<>();
		NodeList feedLinks = feed.getElementsByTagNameNS(ATOM, "link");
		boolean self = false;
		for (int i = 0; i < feedLinks.getLength(); i++) {
			Element link = (Element) feedLinks.item(i);
			if (link.getParentNode() == feed && "self".equals(link.getAttribute("rel"))) {
				self = link.getAttribute("href").equals("http://localhost/portal/feed.atom");
			}
		}
		assertThat(self).as("rel=self absolute").isTrue();
		NodeList entries = feed.getElementsByTagNameNS(ATOM, "entry");
		assertThat(entries.getLength()).isBetween(1, 20);
		for (int i = 0; i < entries.getLength(); i++) {
			Element entry = (Element) entries.item(i);
			assertThat(child(entry, "id")).startsWith("tag:");
			assertThat(child(entry, "title")).isNotBlank();
			assertThat(child(entry, "published")).isNotBlank();
			assertThat(child(entry, "updated")).isNotBlank();
			assertThat(child(entry, "summary")).isNotNull();
			Element author = (Element) entry.getElementsByTagNameNS(ATOM, "author").item(0);
			assertThat(child(author, "name")).isNotBlank();
			links.add(((Element) entry.getElementsByTagNameNS(ATOM, "link").item(0)).getAttribute("href")
					+ " " + child(entry, "title"));
		}
		return links;
	}

	static String child(Element parent, String name) {
		NodeList nodes = parent.getElementsByTagNameNS(ATOM, name);
		for (int i = 0; i < nodes.getLength(); i++) {
			if (nodes.item(i).getParentNode() == parent) {
				return nodes.item(i).getTextContent();
			}
		}
		return null;
	}

	@Test
	void aPublicLiveItemIsOnThePortalInTheFeedAndGoneAtOnceWhenWithdrawn() throws Exception {
		String title = unique("公开新闻 <测试> & \"引号\" ");
		long id = published(title, "PUBLIC", "NEWS", false);

		MockHttpServletResponse page = anonymous("/portal/items/" + id);
		assertThat(page.getStatus()).isEqualTo(200);
		assertThat(page.getContentType()).startsWith("text/html");
		assertThat(page.getContentAsString(StandardCharsets.UTF_8)).contains("公开新闻 &lt;测试&gt; &amp;")
			.contains(" 的正文。</p>").contains("计算机科学与技术学院党委").doesNotContain("李明");
		assertThat(page.getHeader("Cache-Control")).contains("public").contains("max-age=60");
		// the platform's policy, the same as on its other pages
		assertThat(page.getHeader("Content-Security-Policy")).contains("script-src 'self'")
			.isEqualTo(mvc.perform(get("/login")).andReturn().getResponse().getHeader("Content-Security-Policy"));
		assertThat(anonymous("/portal").getContentAsString(StandardCharsets.UTF_8)).contains("data-item=\"" + id + "\"");
		assertThat(anonymous("/portal?kind=NEWS").getContentAsString(StandardCharsets.UTF_8))
			.contains("data-item=\"" + id + "\"");
		assertThat(anonymous("/portal?kind=NOTICE").getContentAsString(StandardCharsets.UTF_8))
			.doesNotContain("data-item=\"" + id + "\"");

		MockHttpServletResponse feed = anonymous("/portal/feed.atom");
		assertThat(feed.getContentType()).isEqualTo("application/atom+xml;charset=UTF-8");
		assertThat(feedLinks(feed.getContentAsByteArray())).contains("http://localhost/portal/items/" + id + " " + title);

		items.withdraw(accounts.callerFor("admin"), id, "内容有误，撤回修改");

		assertThat(anonymous("/portal/items/" + id).getStatus()).isEqualTo(404);
		assertThat(anonymous("/portal").getContentAsString(StandardCharsets.UTF_8)).doesNotContain("data-item=\"" + id + "\"");
		assertThat(anonymous("/portal?kind=NEWS").getContentAsString(StandardCharsets.UTF_8))
			.doesNotContain("data-item=\"" + id + "\"");
		assertThat(feedLinks(anonymous("/portal/feed.atom").getContentAsByteArray()))
			.noneMatch(l -> l.startsWith("http://localhost/portal/items/" + id + " "));
	}

	@Test
	void itemsNotPublishedToThePublicAnswer404() throws Exception {
		long school = published(unique("全校新闻"), "SCHOOL", "NEWS", false);
		long subtree = published(unique("学院通知"), "SUBTREE", "NOTICE", false);
		long draft = items.create(accounts.callerFor("college1"), new ContentItems.ItemRequest("NEWS", unique("草稿"),
				null, "<p>草稿正文</p>", orgId("SFDX-JSJ"), "PUBLIC", null, false, null, null, null)).id();
		for (long id : List.of(school, subtree, draft)) {
			MockHttpServletResponse page = anonymous("/portal/items/" + id);
			assertThat(page.getStatus()).isEqualTo(404);
			assertThat(page.getContentAsString(StandardCharsets.UTF_8)).contains("portal-missing");
		}
		assertThat(anonymous("/portal/items/999999999").getStatus()).isEqualTo(404);
		assertThat(anonymous("/portal?kind=NOPE").getStatus()).isEqualTo(404);
		assertThat(anonymous("/portal/columns/999999999").getStatus()).isEqualTo(404);
		String all = anonymous("/portal").getContentAsString(StandardCharsets.UTF_8)
				+ new String(anonymous("/portal/feed.atom").getContentAsByteArray(), StandardCharsets.UTF_8);
		for (long id : List.of(school, subtree, draft)) {
			assertThat(all).doesNotContain("data-item=\"" + id + "\"").doesNotContain("/portal/items/" + id + "\"");
		}
	}

	@Test
	void aMatchingETagAnswers304AndPagesWork() throws Exception {
		MockHttpServletResponse first = anonymous("/portal");
		assertThat(first.getStatus()).isEqualTo(200);
		String etag = first.getHeader("ETag");
		assertThat(etag).startsWith("\"");
		MockHttpServletResponse again = mvc.perform(get("/portal").header("If-None-Match", etag)).andReturn().getResponse();
		assertThat(again.getStatus()).isEqualTo(304);
		assertThat(again.getContentAsByteArray()).isEmpty();
		assertThat(again.getHeader("ETag")).isEqualTo(etag);
		assertThat(mvc.perform(get("/portal").header("If-None-Match", "\"other\"")).andReturn().getResponse().getStatus())
			.isEqualTo(200);
		assertThat(anonymous("/portal?page=2").getStatus()).isEqualTo(200);
		assertThat(anonymous("/portal?page=x").getStatus()).isEqualTo(200);
		assertThat(anonymous("/portal?kind=FEATURE&page=1").getStatus()).isEqualTo(200);
	}

	@Test
	void anAttachmentOfAPublicItemDownloadsOneOfAnotherItemDoesNot() throws Exception {
		long open = published(unique("公开通知"), "PUBLIC", "NOTICE", true);
		long closed = published(unique("全校通知"), "SCHOOL", "NOTICE", true);
		MockHttpServletResponse file = anonymous("/portal/items/" + open + "/attachments/0");
		assertThat(file.getStatus()).isEqualTo(200);
		assertThat(file.getContentAsByteArray()).isEqualTo(PDF);
		assertThat(file.getContentType()).startsWith("application/pdf");
		assertThat(file.getHeader("Content-Disposition")).startsWith("attachment;").contains("filename*=UTF-8''");
		assertThat(file.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(anonymous("/portal/items/" + open).getContentAsString(StandardCharsets.UTF_8))
			.contains("/portal/items/" + open + "/attachments/0").contains("报名表.pdf");
		assertThat(anonymous("/portal/items/" + open + "/attachments/1").getStatus()).isEqualTo(404);
		assertThat(anonymous("/portal/items/" + closed + "/attachments/0").getStatus()).isEqualTo(404);
	}

	@Test
	void portalReadersAreNotCountedByThePlatformsAnonymousLimit() throws Exception {
		// an address that is not exempt (the suite's 127.0.0.1 is): more requests than the platform's limit
		for (int i = 0; i < anonymousLimit + 20; i++) {
			int status = mvc.perform(get("/portal").with(r -> {
				r.setRemoteAddr("198.51.100.77");
				return r;
			})).andReturn().getResponse().getStatus();
			assertThat(status).as("request " + i).isEqualTo(200);
		}
	}
}
