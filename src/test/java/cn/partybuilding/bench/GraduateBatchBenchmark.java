package cn.partybuilding.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.demo.DemoMembers;
import cn.partybuilding.member.Category;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberForm;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import cn.partybuilding.shared.PlatformZone;

/**
 * The June graduation batch: 5 000 graduating students, one batch with a letter each (issued, printed into
 * the ZIP and the merged PDF in the background), while another user keeps asking for pages. Prints the
 * batch's letters per second and the pages' p50/p95 during it; asserts nothing about time.
 * {@code ./mvnw verify -Pbench -Dtest=GraduateBatchBenchmark}.
 */
@SpringBootTest(properties = "party.data-dir=target/bench-graduates")
class GraduateBatchBenchmark extends PlatformTest {

	private static final int GRADUATES = 5_000;

	private static final int YEAR = 2033;

	@Autowired
	MemberDirectory members;

	@Test
	void fiveThousandLettersInTheBackground() throws Exception {
		long have = jdbc.sql("select count(*) from member where graduation_year = ? and departed_on is null").param(YEAR)
			.query(Long.class).single();
		if (have < GRADUATES) {
			record Branch(long id, String name) {
			}
			List<Branch> branches = jdbc.sql("select id, name from organization where type = 'BRANCH' and dissolved_at is null order by id")
				.query(Branch.class).list();
			DemoMembers generator = DemoMembers.forScale(11);
			List<MemberForm> forms = new ArrayList<>();
			for (int i = 0; i < GRADUATES - have; i++) {
				Branch b = branches.get(i % branches.size());
				MemberForm f = generator.next(b.id(), b.name(), LocalDate.now(PlatformZone.ZONE));
				forms.add(new MemberForm(f.name(), f.gender(), f.ethnicity(), f.birthDate(), f.idCard(), f.nativePlace(),
						f.education(), Category.STUDENT, f.staffNumber(), f.phone(), f.organizationId(), f.status(), f.joinDate(),
						f.conversionDate(), YEAR));
			}
			members.registerInBulk(forms, "基准测试数据", null);
		}
		var admin = login("admin");
		String candidates = mvc.perform(get("/api/v1/transfers/graduates").param("year", Integer.toString(YEAR)).with(admin))
			.andReturn().getResponse().getContentAsString();
		List<Integer> ids = JsonPath.read(candidates, "$[*].memberId");
		System.out.printf("%n== graduate batch: %d candidates%n", ids.size());
		StringJoiner rows = new StringJoiner(",", "{\"graduationYear\": " + YEAR + ", \"graduates\": [", "]}");
		for (int i = 0; i < ids.size(); i++) {
			rows.add("{\"memberId\": " + ids.get(i) + ", \"destination\": \"" + (i % 3 == 0 ? "TALENT_CENTER" : "EMPLOYER")
					+ "\", \"toOrgName\": \"某市某单位党委" + (i % 97) + "\", \"toOrgAddress\": \"某省某市某区\"}");
		}
		long t0 = System.nanoTime();
		String started = mvc.perform(post("/api/v1/transfers/graduate-batches").with(admin).with(csrf().asHeader())
			.contentType(MediaType.APPLICATION_JSON).content(rows.toString())).andReturn().getResponse().getContentAsString();
		double startMs = (System.nanoTime() - t0) / 1e6;
		long batch = ((Number) JsonPath.read(started, "$.id")).longValue();
		System.out.printf("  batch started (rows checked, transfers written) in %.0f ms%n", startMs);

		// meanwhile a branch secretary works: their transfers page and the member list, again and again
		RequestPostProcessor branch = login("branch1");
		List<Double> pages = new ArrayList<>();
		String state = "RUNNING";
		while ("RUNNING".equals(state)) {
			for (String page : List.of("/transfers", "/members", "/transfers/graduate-batches/" + batch + "/progress")) {
				long p0 = System.nanoTime();
				mvc.perform(get(page).with(page.contains("batches") ? admin : branch)).andReturn();
				pages.add((System.nanoTime() - p0) / 1e6);
			}
			state = JsonPath.read(mvc.perform(get("/api/v1/transfers/graduate-batches/{id}", batch).with(admin)).andReturn()
				.getResponse().getContentAsString(), "$.state");
			Thread.sleep(200);
		}
		double seconds = (System.nanoTime() - t0) / 1e9;
		String done = mvc.perform(get("/api/v1/transfers/graduate-batches/{id}", batch).with(admin)).andReturn().getResponse()
			.getContentAsString();
		int letters = JsonPath.read(done, "$.total");
		System.out.printf("  %s: %d letters in %.1f s = %.1f letters/s (target: 5 000 in 300 s)%n", state, letters, seconds,
				letters / seconds);
		System.out.printf("  pages during the batch (%d requests)          p50 %7.1f ms   p95 %7.1f ms%n", pages.size(),
				MemberScaleBenchmark.percentile(pages, 50), MemberScaleBenchmark.percentile(pages, 95));
		Path dir = Path.of("target/bench-graduates/letters");
		System.out.printf("  files: ZIP %.1f MB, merged PDF %.1f MB%n",
				Files.size(dir.resolve("batch-" + batch + ".zip")) / 1e6,
				Files.size(dir.resolve("batch-" + batch + ".pdf")) / 1e6);
	}
}
