package cn.partybuilding.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.partybuilding.FigureOrgs;
import cn.partybuilding.PlatformTest;
import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.member.Category;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.organization.NewOrganization;
import cn.partybuilding.organization.OrgType;
import cn.partybuilding.organization.OrganizationTree;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.OutOfScopeException;
import cn.partybuilding.shared.PlatformZone;

/**
 * The kept copy of the warnings (what a province reads, {@link WarningKeeper}) against the warnings raised now: the
 * same rows in the same order at the root and at a school, scoped by the reader's subtree, paged by the cursor.
 */
class WarningsKeptTest extends PlatformTest {

	@Autowired
	WarningCentre centre;

	@Autowired
	WarningKeeper keeper;

	@Autowired
	OrganizationTree tree;

	@Autowired
	cn.partybuilding.organization.OrganizationScope scope;

	@Autowired
	MemberDirectory members;

	@Autowired
	AccountManagement accounts;

	final Locale zh = Locale.SIMPLIFIED_CHINESE;

	long otherSchoolBranch;

	/** A member three months behind with dues in a branch of the second school: a warning only its side may see. */
	@BeforeEach
	void aWarningInTheSecondSchool() {
		FigureOrgs orgs = new FigureOrgs(tree, members, accounts);
		String code = unique("KEPT-B");
		otherSchoolBranch = tree.create(accounts.callerFor("province"),
				new NewOrganization(orgId("SFXY"), code, "预警副本测试党支部" + code, OrgType.BRANCH)).id();
		long member = orgs.member(otherSchoolBranch, Category.STUDENT, LocalDate.now(PlatformZone.ZONE).minusYears(3)).id();
		YearMonth current = YearMonth.now(PlatformZone.ZONE);
		for (int i = 1; i <= 3; i++) {
			jdbc.sql("""
					insert into dues_bill (member_id, month, organization_id, category, amount, rule_version_id, state, created_at)
					values (?, ?, ?, 'STUDENT', 0.20, (select min(id) from dues_rule_version), 'UNPAID', now())""")
				.params(member, current.minusMonths(i).atDay(1), otherSchoolBranch).update();
		}
		keeper.refresh();
	}

	WarningCentre.Page page(Caller caller, Long orgId, String after, int size, boolean kept) {
		return read(kept, () -> centre.pageFor(caller, new WarningCentre.Filter(orgId, null, null), after, size, zh));
	}

	/**
	 * What {@code read} answers with the kept copy read whatever the scope ({@code party.analytics.warnings.live-up-to}
	 * 0), or with every scope raised now (the setting above any tree); the setting as it was afterwards.
	 */
	<T> T read(boolean kept, java.util.function.Supplier<T> read) {
		int liveUpTo = centre.liveUpTo();
		centre.liveUpTo(kept ? 0 : Integer.MAX_VALUE);
		try {
			return read.get();
		}
		finally {
			centre.liveUpTo(liveUpTo);
		}
	}

	@Test
	void theKeptCopyHoldsTheSameRowsInTheSameOrderAsTheWarningsRaisedNowAtTheRootAndAtASchool() {
		for (String who : List.of("province", "admin")) {
			Caller caller = accounts.callerFor(who);
			WarningCentre.Page live = page(caller, null, null, Integer.MAX_VALUE, false);
			WarningCentre.Page kept = page(caller, null, null, Integer.MAX_VALUE, true);
			assertThat(live.rows()).as(who).isNotEmpty();
			assertThat(kept.rows()).as(who).containsExactlyElementsOf(live.rows());
			assertThat(kept.total()).isEqualTo(live.total());
			assertThat(kept.counts()).isEqualTo(live.counts());
			assertThat(live.asOf()).isNull();
			assertThat(kept.asOf()).isNotNull();
		}
		// a filter narrows the kept copy as it narrows the list
		Caller province = accounts.callerFor("province");
		var byKind = new WarningCentre.Filter(null, "dues.arrears", null);
		assertThat(read(true, () -> centre.pageFor(province, byKind, null, Integer.MAX_VALUE, zh).rows()))
			.containsExactlyElementsOf(read(false, () -> centre.pageFor(province, byKind, null, Integer.MAX_VALUE, zh).rows()));
	}

	@Test
	void aSchoolAdministratorNeverSeesAnotherSchoolsKeptWarning() throws Exception {
		java.util.Set<Long> otherSchool = scope.subtree(orgId("SFXY"));
		WarningCentre.Page atRoot = page(accounts.callerFor("province"), null, null, Integer.MAX_VALUE, true);
		assertThat(atRoot.rows()).anyMatch(w -> w.orgId() == otherSchoolBranch);
		WarningCentre.Page admin = page(accounts.callerFor("admin"), null, null, Integer.MAX_VALUE, true);
		assertThat(admin.rows()).isNotEmpty().noneMatch(w -> otherSchool.contains(w.orgId()));
		assertThat(admin.total()).isLessThan(atRoot.total());
		assertThatThrownBy(() -> page(accounts.callerFor("admin"), orgId("SFXY"), null, 10, true))
			.isInstanceOf(OutOfScopeException.class);
		long before = auditCount("access.denied", "admin");
		mvc.perform(get("/api/v1/warnings").param("orgId", String.valueOf(orgId("SFXY"))).with(login("admin")))
			.andExpect(status().isNotFound());
		assertThat(auditCount("access.denied", "admin")).isEqualTo(before + 1);
	}

	@Test
	void theCursorPagesThroughTheKeptCopy() {
		Caller caller = accounts.callerFor("province");
		List<WarningCentre.Warning> all = page(caller, null, null, Integer.MAX_VALUE, true).rows();
		assertThat(all.size()).isGreaterThan(3);
		List<WarningCentre.Warning> paged = new ArrayList<>();
		String after = null;
		int pages = 0;
		do {
			WarningCentre.Page page = page(caller, null, after, 3, true);
			assertThat(page.rows().size()).isLessThanOrEqualTo(3);
			assertThat(page.total()).isEqualTo(all.size());
			paged.addAll(page.rows());
			after = page.next();
			pages++;
		}
		while (after != null && pages < 10_000);
		assertThat(paged).containsExactlyElementsOf(all);
		assertThat(pages).isEqualTo((all.size() + 2) / 3);
	}

	@Test
	void aReportCountsTheWarningsAndListsTheFirstInTheCentresOrder() {
		long root = orgId("JYGW");
		WarningCentre.Summary summary = centre.summary(root, 2, zh);
		WarningCentre.Page all = page(accounts.callerFor("province"), null, null, Integer.MAX_VALUE, false);
		assertThat(summary.total()).isEqualTo(all.total());
		assertThat(summary.first()).containsExactlyElementsOf(all.rows().subList(0, 2));
		assertThat(summary.byKind().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(all.total());
		assertThat(summary.byCollege()).isEqualTo(all.counts());
	}

	@Test
	void theHomePagesCountFromTheKeptCopyIsTheLiveCountAtTheRootAndAtASchoolAndStaysInScope() {
		long root = orgId("JYGW");
		long school = orgId("SFDX");
		int atRoot = read(true, () -> centre.countFor(java.util.Set.of(root)));
		assertThat(atRoot).isEqualTo(read(false, () -> centre.countFor(java.util.Set.of(root))))
			.isEqualTo(page(accounts.callerFor("province"), null, null, Integer.MAX_VALUE, false).total());
		int atSchool = read(true, () -> centre.countFor(java.util.Set.of(school)));
		assertThat(atSchool).isEqualTo(read(false, () -> centre.countFor(java.util.Set.of(school))))
			.isEqualTo(page(accounts.callerFor("admin"), null, null, Integer.MAX_VALUE, false).total());
		// the second school's warning is counted at the root, not at the first school
		assertThat(atSchool).isPositive().isLessThan(atRoot);
		assertThat(read(true, () -> centre.countFor(java.util.Set.of(otherSchoolBranch)))).isPositive()
			.isEqualTo(read(false, () -> centre.countFor(java.util.Set.of(otherSchoolBranch))));
	}

	@Autowired
	WarningPages pages;

	@Autowired
	org.springframework.context.MessageSource messageSource;

	/** The cells of each row of an exported sheet below its header. */
	static List<List<String>> rowsOf(byte[] xlsx) throws Exception {
		List<List<String>> rows = new ArrayList<>();
		try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
			var sheet = book.getSheetAt(0);
			assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("类别");
			for (int r = 1; r <= sheet.getLastRowNum(); r++) {
				List<String> cells = new ArrayList<>();
				for (int c = 0; c < 8; c++) {
					var cell = sheet.getRow(r).getCell(c);
					cells.add(cell == null ? "" : cell.getStringCellValue());
				}
				rows.add(cells);
			}
		}
		return rows;
	}

	/** The export's file, the kept copy read (three rows at a time) or every warning raised now. */
	byte[] export(Caller caller, WarningCentre.Filter filter, boolean kept) {
		centre.exportChunk(3);
		try {
			return read(kept, () -> {
				var response = new org.springframework.mock.web.MockHttpServletResponse();
				try {
					pages.sheet(caller, filter, zh, response);
				}
				catch (java.io.IOException e) {
					throw new java.io.UncheckedIOException(e);
				}
				return response.getContentAsByteArray();
			});
		}
		finally {
			centre.exportChunk(1000);
		}
	}

	/** A warning as the export writes it. */
	static List<String> line(WarningCentre.Warning w) {
		return List.of(w.kindName(), w.college(), w.orgName(), w.responsible(), w.since() == null ? "" : w.since().toString(),
				w.due() == null ? "" : w.due().toString(), w.message(), w.link() == null ? "" : w.link());
	}

	@Test
	void theStreamedExportOfTheKeptCopyHoldsTheListsRowsInItsOrderAtTheRootAndAtASchool() throws Exception {
		for (String who : List.of("province", "admin")) {
			Caller caller = accounts.callerFor(who);
			for (String kind : java.util.Arrays.asList(null, "dues.arrears")) {
				WarningCentre.Filter filter = new WarningCentre.Filter(null, kind, null);
				List<WarningCentre.Warning> listed = read(true, () -> centre.pageFor(caller, filter, null, Integer.MAX_VALUE, zh)).rows();
				assertThat(listed).as(who).isNotEmpty();
				// read three rows at a time: the keyset pages of the kept copy join up without a gap or a repeat
				List<List<String>> exported = rowsOf(export(caller, filter, true));
				assertThat(exported).as(who + " " + kind).containsExactlyElementsOf(listed.stream().map(WarningsKeptTest::line).toList());
				// raised now (a small scope), the same rows
				assertThat(rowsOf(export(caller, filter, false))).as(who + " " + kind + " live")
					.containsExactlyElementsOf(exported);
			}
		}
		// the second school's warning: in the province's file, never in a first school administrator's
		Caller province = accounts.callerFor("province");
		assertThat(rowsOf(export(province, new WarningCentre.Filter(null, null, null), true)))
			.anyMatch(row -> row.get(2).startsWith("预警副本测试党支部"));
		assertThat(rowsOf(export(accounts.callerFor("admin"), new WarningCentre.Filter(null, null, null), true))).isNotEmpty().noneMatch(row -> row.get(2).startsWith("预警副本测试党支部"));
		// every cell as MessageSource writes it: the export looks each kind's name and each message's pattern up once
		long root = orgId("JYGW");
		List<WarningKeeper.Row> kept = keeper.page(keeper.current(), scope.subtree(root), null, null, null, Integer.MAX_VALUE)
			.rows();
		// texts with arguments, numbers among them (the arrears' months and sum): written by one NumberFormat a read
		assertThat(kept).anyMatch(k -> k.raised().args().stream().anyMatch(a -> a instanceof Number));
		List<List<String>> whole = rowsOf(export(province, new WarningCentre.Filter(root, null, null), true));
		assertThat(whole.stream().map(row -> row.get(6)).toList()).containsExactlyElementsOf(kept.stream()
			.map(k -> messageSource.getMessage(k.raised().messageKey(), k.raised().args().toArray(), zh)).toList());
		assertThat(whole.stream().map(row -> row.get(0)).toList()).containsExactlyElementsOf(
				kept.stream().map(k -> messageSource.getMessage("warning." + k.raised().kind(), null, zh)).toList());
		// the endpoint: the export as the list reads it, audited; another school's subtree the audited 404
		long exported = auditCount("analytics.warnings.export", "province");
		byte[] xlsx = mvc.perform(get("/analytics/warnings.xlsx").with(login("province"))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsByteArray();
		assertThat(rowsOf(xlsx)).containsExactlyElementsOf(centre.forCaller(accounts.callerFor("province"),
				new WarningCentre.Filter(null, null, null), zh).stream().map(WarningsKeptTest::line).toList());
		assertThat(auditCount("analytics.warnings.export", "province")).isEqualTo(exported + 1);
		long denied = auditCount("access.denied", "admin");
		mvc.perform(get("/analytics/warnings.xlsx").param("orgId", String.valueOf(orgId("SFXY"))).with(login("admin")))
			.andExpect(status().isNotFound());
		assertThat(auditCount("access.denied", "admin")).isEqualTo(denied + 1);
	}

	/**
	 * The file as round seven's POI sheet wrote it from the same rows (the list's, as the export writes them) and as the
	 * export writes it now: every cell, the header, the sheet's name and layout alike.
	 */
	@Test
	void theExportHasEveryCellOfThePoiSheetItReplacedOnTheSameRows() throws Exception {
		Caller province = accounts.callerFor("province");
		WarningCentre.Filter filter = new WarningCentre.Filter(orgId("JYGW"), null, null);
		List<List<String>> lines = read(true, () -> centre.pageFor(province, filter, null, Integer.MAX_VALUE, zh)).rows().stream()
			.map(WarningsKeptTest::line).toList();
		assertThat(lines).isNotEmpty();
		List<String> header = java.util.stream.Stream.of("kind", "college", "org", "responsible", "since", "due", "message", "link")
			.map(c -> messageSource.getMessage("warning.col." + c, null, zh)).toList();
		byte[] old = cn.partybuilding.shared.StreamedXlsxTest.poiSheet(messageSource.getMessage("warning.title", null, zh), header,
				lines);
		cn.partybuilding.shared.StreamedXlsxTest.assertSameFile(export(province, filter, true), old, lines.size());
	}

	/**
	 * A download broken after its first bytes (the client gone: the container has sent and committed the start, the next
	 * write fails) is audited as an export of the rows that were handed before it broke, marked incomplete; no whole
	 * export is audited.
	 */
	@Test
	void aDownloadBrokenAfterItsFirstBytesIsAuditedWithItsRowsAsIncomplete() throws Exception {
		Caller province = accounts.callerFor("province");
		long root = orgId("JYGW");
		WarningCentre.Filter filter = new WarningCentre.Filter(root, null, null);
		int listed = read(true, () -> centre.pageFor(province, filter, null, Integer.MAX_VALUE, zh)).rows().size();
		int whole = export(province, filter, true).length;
		long last = jdbc.sql("select coalesce(max(id), 0) from audit_event").query(Long.class).single();
		var response = new BrokenAfter(whole / 2);
		centre.exportChunk(3);
		try {
			assertThatThrownBy(() -> read(true, () -> {
				try {
					pages.sheet(province, filter, zh, response);
				}
				catch (java.io.IOException e) {
					throw new java.io.UncheckedIOException(e);
				}
				return null;
			})).hasRootCauseMessage("Broken pipe");
		}
		finally {
			centre.exportChunk(1000);
		}
		assertThat(response.isCommitted()).isTrue();
		assertThat(response.sent).isPositive().isLessThan(whole);
		List<String> audited = jdbc.sql("select summary from audit_event where id > ? and action = 'analytics.warnings.export' and entity_id = ?")
			.params(last, String.valueOf(root)).query(String.class).list();
		assertThat(audited).hasSize(1);
		java.util.regex.Matcher rows = java.util.regex.Pattern.compile("kind= within= rows=(\\d+) incomplete").matcher(audited.get(0));
		assertThat(rows.matches()).as(audited.get(0)).isTrue();
		assertThat(Integer.parseInt(rows.group(1))).isPositive().isLessThanOrEqualTo(listed);
	}

	/** A response whose client goes away once {@code limit} bytes were sent: committed from the first byte, as a container's. */
	static final class BrokenAfter extends org.springframework.mock.web.MockHttpServletResponse {

		final int limit;

		int sent;

		final jakarta.servlet.ServletOutputStream out = new jakarta.servlet.ServletOutputStream() {

			@Override
			public void write(int b) throws java.io.IOException {
				write(new byte[] { (byte) b }, 0, 1);
			}

			@Override
			public void write(byte[] b, int off, int len) throws java.io.IOException {
				if (sent + len > limit) {
					throw new java.io.IOException("Broken pipe");
				}
				sent += len;
				setCommitted(true);
			}

			@Override
			public boolean isReady() {
				return true;
			}

			@Override
			public void setWriteListener(jakarta.servlet.WriteListener listener) {
			}
		};

		BrokenAfter(int limit) {
			this.limit = limit;
		}

		@Override
		public jakarta.servlet.ServletOutputStream getOutputStream() {
			return out;
		}
	}
}
