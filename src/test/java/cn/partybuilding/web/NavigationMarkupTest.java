package cn.partybuilding.web;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticMessageSource;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templateresolver.StringTemplateResolver;

import cn.partybuilding.shared.MenuEntry;

import static org.assertj.core.api.Assertions.assertThat;

/** The navigation written in Java is, to the byte, what the layout's Thymeleaf loop wrote. */
class NavigationMarkupTest {

	/** The loop as fragments/layout.html had it, indented as there (links without a context path: @{} added nothing to them). */
	static final String LOOP = """
      <ul class="nav flex-column py-3">
        <li class="nav-item" th:each="item : ${nav}">
          <a class="nav-link py-3 py-md-2" th:href="${item.href}">
            <i class="bi" th:classappend="${item.icon}"></i> <span th:text="#{${item.label}}">导航</span>
          </a>
        </li>
        <li class="nav-item d-sm-none">
""";

	/** The same place now. */
	static final String WRITTEN = """
      <ul class="nav flex-column py-3">
        <th:block th:utext="${navHtml}"><!-- the entries of ${nav}, written by NavigationMarkup --></th:block>
        <li class="nav-item d-sm-none">
""";

	static final List<MenuEntry> ENTRIES = List.of(new MenuEntry(0, "nav.home", "/", "bi-house"),
			new MenuEntry(10, "nav.odd", "/a?b=1&c=<2>", "bi-x \"y\""), new MenuEntry(20, "nav.missing", "/m", ""));

	@Test
	void writesWhatTheLoopWrote() {
		StaticMessageSource messages = new StaticMessageSource();
		messages.addMessage("nav.home", Locale.SIMPLIFIED_CHINESE, "首页");
		messages.addMessage("nav.home", Locale.ENGLISH, "Home");
		messages.addMessage("nav.odd", Locale.SIMPLIFIED_CHINESE, "党员's <数据> & 更正 {0}");
		messages.addMessage("nav.odd", Locale.ENGLISH, "Members' <data> & corrections {0}");
		SpringTemplateEngine engine = new SpringTemplateEngine();
		engine.setTemplateResolver(new StringTemplateResolver());
		engine.setTemplateEngineMessageSource(messages);
		NavigationMarkup markup = new NavigationMarkup(messages);
		for (Locale locale : List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH)) {
			Context context = new Context(locale);
			context.setVariable("nav", ENTRIES);
			context.setVariable("navHtml", markup.items(ENTRIES, locale, "", url -> url));
			assertThat(engine.process(WRITTEN, context)).isEqualTo(engine.process(LOOP, context)).contains("&amp;");
		}
		Context none = new Context(Locale.SIMPLIFIED_CHINESE);
		none.setVariable("nav", List.of());
		none.setVariable("navHtml", markup.items(List.of(), Locale.SIMPLIFIED_CHINESE, "", url -> url));
		assertThat(engine.process(WRITTEN, none)).isEqualTo(engine.process(LOOP, none));
	}

	@Test
	void keptByEntriesAndLanguageAndRewrittenWhenTheResponseEncodesLinks() {
		NavigationMarkup markup = markup();
		List<MenuEntry> home = List.of(new MenuEntry(0, "nav.home", "/", "bi-house"));
		assertThat(markup.items(home, Locale.SIMPLIFIED_CHINESE, "", url -> url)).contains("<span>首页</span>");
		assertThat(markup.items(home, Locale.ENGLISH, "", url -> url)).contains("<span>Home</span>");
		assertThat(markup.items(home, Locale.ENGLISH, "/app", url -> url)).contains("href=\"/app/\"");
		AtomicInteger asked = new AtomicInteger();
		assertThat(markup.items(home, Locale.ENGLISH, "", url -> asked.incrementAndGet() + ";s=1" + url)).contains("href=\"")
			.contains(";s=1/\"");
		// whatever languages a cookie brings, what is kept stays bounded
		for (int i = 0; i < 3 * NavigationMarkup.KEPT; i++) {
			markup.items(home, Locale.forLanguageTag("x-l" + i), "", url -> url);
		}
		assertThat(markup.keptCount()).isLessThanOrEqualTo(NavigationMarkup.KEPT);
	}

	@Test
	void entriesThatDifferInAnyPartAreKeptApartAndEqualOnesShareTheirMarkup() {
		NavigationMarkup markup = markup();
		MenuEntry home = new MenuEntry(0, "nav.home", "/", "bi-house");
		assertThat(new MenuEntry(0, new String("nav.home"), new String("/"), new String("bi-house"))).isEqualTo(home)
			.hasSameHashCodeAs(home);
		String kept = markup.items(List.of(home), Locale.SIMPLIFIED_CHINESE, "", url -> url);
		assertThat(markup.items(List.of(new MenuEntry(0, "nav.home", new String("/"), "bi-house")), Locale.SIMPLIFIED_CHINESE, "",
				url -> url)).isSameAs(kept);
		for (MenuEntry other : List.of(new MenuEntry(1, "nav.home", "/", "bi-house"), new MenuEntry(0, "nav.dues", "/", "bi-house"),
				new MenuEntry(0, "nav.home", "/dues", "bi-house"), new MenuEntry(0, "nav.home", "/", "bi-cash"),
				new MenuEntry(0, "nav.home", "/", null))) {
			assertThat(other).as(other.toString()).isNotEqualTo(home);
			if (other.order() == 0) {
				assertThat(markup.items(List.of(other), Locale.SIMPLIFIED_CHINESE, "", url -> url)).as(other.toString())
					.isNotEqualTo(kept);
			}
		}
	}

	/** The markup over two labels in Chinese, one also in English. */
	private static NavigationMarkup markup() {
		StaticMessageSource messages = new StaticMessageSource();
		messages.addMessage("nav.home", Locale.SIMPLIFIED_CHINESE, "首页");
		messages.addMessage("nav.home", Locale.ENGLISH, "Home");
		messages.addMessage("nav.dues", Locale.SIMPLIFIED_CHINESE, "党费");
		return new NavigationMarkup(messages);
	}
}
