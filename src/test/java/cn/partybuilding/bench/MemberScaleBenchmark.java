package cn.partybuilding.bench;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.jayway.jsonpath.JsonPath;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.demo.DemoMembers;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberForm;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import cn.partybuilding.shared.PlatformZone;

/**
 * The member database at 50 000 people: a 50 000-row .xlsx imported through the API (the bench profile
 * runs the JVM with -Xmx512m), then the member list under many filter combinations, with the query
 * plans. Prints rows per second, peak heap and the 95th percentile; asserts nothing about time.
 * Run with {@code ./mvnw verify -Pbench}.
 */
@SpringBootTest(properties = "party.data-dir=target/bench-data")
class MemberScaleBenchmark extends PlatformTest {

	static final int ROWS = 50_000;

	@Test
	void fiftyThousandMembers() throws Exception {
		var admin = login("admin");
		byte[] file = sheet(ROWS);
		System.out.printf("%n== member import: %d rows, %.1f MB .xlsx, JVM max heap %d MB ==%n", ROWS, file.length / 1e6,
				Runtime.getRuntime().maxMemory() / (1024 * 1024));
		System.gc();
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		AtomicLong peak = new AtomicLong();
		Thread sampler = new Thread(() -> {
			while (!Thread.currentThread().isInterrupted()) {
				peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
				try {
					Thread.sleep(20);
				}
				catch (InterruptedException e) {
					return;
				}
			}
		});
		sampler.start();
		long started = System.nanoTime();
		String location = mvc.perform(multipart("/api/v1/members/imports")
			.file(new MockMultipartFile("file", "五万人.xlsx", "application/octet-stream", file))
			.param("mode", "ALL_OR_NOTHING").with(csrf()).with(admin))
			.andExpect(status().isAccepted()).andReturn().getResponse().getHeader("Location");
		Map<String, Object> job;
		do {
			Thread.sleep(200);
			job = JsonPath.read(mvc.perform(get(location).with(admin)).andReturn().getResponse().getContentAsString(), "$");
		}
		while ("RUNNING".equals(job.get("status")));
		double seconds = (System.nanoTime() - started) / 1e9;
		sampler.interrupt();
		System.out.printf("status %s, created %s, errors %s%n", job.get("status"), job.get("created"), job.get("errorCount"));
		System.out.printf("import: %.1f s, %.0f rows/s, peak heap used %d MB%n", seconds, ROWS / seconds,
				peak.get() / (1024 * 1024));

		listAtScale(admin);
	}

	/** The member list as the committee (the largest scope) and as a college, filter by filter. */
	void listAtScale(RequestPostProcessor admin) throws Exception {
		long total = jdbc.sql("select count(*) from member").query(Long.class).single();
		jdbc.sql("analyze member").update();
		String college = Long.toString(orgId("SFDX-JSJ"));
		String branch = Long.toString(orgId("SFDX-JSJ-03"));
		Map<String, String[]> combos = new LinkedHashMap<>();
		combos.put("no filter", new String[] {});
		combos.put("name 王", new String[] { "q", "王" });
		combos.put("name 张伟", new String[] { "q", "张伟" });
		combos.put("staff number prefix", new String[] { "q", "BS2023" });
		combos.put("category", new String[] { "category", "FACULTY" });
		combos.put("status", new String[] { "status", "PROBATIONARY" });
		combos.put("gender+education", new String[] { "gender", "FEMALE", "education", "MASTER" });
		combos.put("join year", new String[] { "joinYear", "2015" });
		combos.put("graduation year", new String[] { "graduationYear", "2027" });
		combos.put("college", new String[] { "orgId", college });
		combos.put("college+name+status", new String[] { "orgId", college, "q", "李", "status", "FULL" });
		combos.put("branch sorted by join date", new String[] { "orgId", branch, "sort", "-joinDate" });
		combos.put("everything", new String[] { "orgId", college, "q", "刘", "category", "STUDENT", "status", "FULL",
				"gender", "MALE", "education", "HIGH_SCHOOL", "joinYear", "2023", "graduationYear", "2026" });
		combos.put("sorted by name, page 100", new String[] { "sort", "name", "page", "100" });
		System.out.printf("%n== member list: %d members, server-side time per request (ms) ==%n", total);
		List<Double> all = new ArrayList<>();
		for (var combo : combos.entrySet()) {
			List<Double> times = new ArrayList<>();
			for (int i = 0; i < 40; i++) {
				MockHttpServletRequestBuilder request = get("/api/v1/members").with(admin);
				String[] p = combo.getValue();
				for (int k = 0; k < p.length; k += 2) {
					request.param(p[k], p[k + 1]);
				}
				long t = System.nanoTime();
				mvc.perform(request).andExpect(status().isOk());
				if (i >= 5) { // the first few warm the JIT
					times.add((System.nanoTime() - t) / 1e6);
				}
			}
			all.addAll(times);
			System.out.printf("  %-28s p50 %6.1f   p95 %6.1f%n", combo.getKey(), percentile(times, 50), percentile(times, 95));
		}
		System.out.printf("member list p95 over all combinations: %.1f ms%n", percentile(all, 95));
		explain("""
				select m.* from member m where m.organization_id in (select id from organization where path like (select path || '%%' from organization where code = 'SFDX'))
				order by m.organization_id, m.name, m.id limit 20""");
		explain("""
				select count(*) from member m where m.organization_id in (select id from organization where path like (select path || '%%' from organization where code = 'SFDX'))
				and (m.name like '%%王%%' or lower(m.staff_number) like lower('%%王%%'))""");
		explain("""
				select m.* from member m where m.organization_id in (select id from organization where path like (select path || '%%' from organization where code = 'SFDX'))
				and m.join_date >= date '2015-01-01' and m.join_date < date '2016-01-01' order by m.organization_id, m.name, m.id limit 20""");
	}

	void explain(String sql) {
		System.out.println("\nEXPLAIN ANALYZE " + sql.strip().replaceAll("\\s+", " "));
		jdbc.sql("explain (analyze, buffers) " + sql.formatted()).query(String.class).list()
			.forEach(line -> System.out.println("  " + line));
	}

	static double percentile(List<Double> values, int p) {
		double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
	}

	/** A 50 000-row sheet as an office would fill it: text cells, real date cells, 学号 as text. */
	byte[] sheet(int rows) throws Exception {
		record Branch(long id, String code, String name) {
		}
		List<Branch> branches = jdbc.sql("select id, code, name from organization where type = 'BRANCH' and code like 'SFDX-%' and dissolved_at is null order by id")
			.query(Branch.class).list();
		DemoMembers people = DemoMembers.forScale(42);
		LocalDate today = LocalDate.now(PlatformZone.ZONE);
		try (SXSSFWorkbook book = new SXSSFWorkbook(500)) {
			Sheet sheet = book.createSheet("党员信息");
			CellStyle date = book.createCellStyle();
			date.setDataFormat(book.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
			Row header = sheet.createRow(0);
			List<String> columns = Arrays.asList("姓名", "性别", "民族", "出生日期", "身份证号", "学号/工号", "人员类别", "学历", "所在党组织",
					"党员状态", "入党日期", "转正日期", "手机号", "毕业年份");
			for (int c = 0; c < columns.size(); c++) {
				header.createCell(c).setCellValue(columns.get(c));
			}
			for (int r = 1; r <= rows; r++) {
				Branch b = branches.get(r % branches.size());
				MemberForm f = people.next(b.id(), b.name(), today);
				Row row = sheet.createRow(r);
				row.createCell(0).setCellValue(f.name());
				row.createCell(1).setCellValue(f.gender().name().equals("MALE") ? "男" : "女");
				row.createCell(2).setCellValue(f.ethnicity());
				row.createCell(3).setCellValue(f.birthDate());
				row.getCell(3).setCellStyle(date);
				row.createCell(4).setCellValue(f.idCard());
				row.createCell(5).setCellValue(f.staffNumber());
				row.createCell(6).setCellValue(switch (f.category()) {
					case STUDENT -> "学生";
					case FACULTY -> "教职工";
					case RETIREE -> "离退休";
					case OTHER -> "其他";
				});
				row.createCell(7).setCellValue(switch (f.education()) {
					case DOCTORATE -> "博士研究生";
					case MASTER -> "硕士研究生";
					case BACHELOR -> "大学本科";
					case JUNIOR_COLLEGE -> "大学专科";
					case HIGH_SCHOOL -> "高中/中专";
					case BELOW_HIGH_SCHOOL -> "初中及以下";
				});
				row.createCell(8).setCellValue(b.code());
				row.createCell(9).setCellValue(f.status().name().equals("FULL") ? "正式党员" : "预备党员");
				row.createCell(10).setCellValue(f.joinDate());
				row.getCell(10).setCellStyle(date);
				if (f.conversionDate() != null) {
					row.createCell(11).setCellValue(f.conversionDate().toString());
				}
				row.createCell(12).setCellValue(f.phone());
				if (f.graduationYear() != null) {
					row.createCell(13).setCellValue(f.graduationYear());
				}
			}
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			book.write(out);
			return out.toByteArray();
		}
	}
}
