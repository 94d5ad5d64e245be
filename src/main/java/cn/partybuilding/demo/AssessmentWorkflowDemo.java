package cn.partybuilding.demo;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.springframework.stereotype.Component;

import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.assessment.AssessmentWorkflow;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.PlatformZone;
import cn.partybuilding.shared.Role;

/**
 * The levels of this year's assessment in the demo, once the year's indicator system is published: most branches
 * claimed their manual indicators and the general branch scored them (a few claimed nothing, a few were scored
 * below their claim, with the reason); branch1's branch has one claim with a photo as evidence waiting for review
 * and one open appeal; 机械工程学院's branches are reviewed and two of them approved.
 */
@Component
class AssessmentWorkflowDemo {

	private static final List<String> FEATURES = List.of("开展“党建+专业”特色活动，与企业党支部结对共建",
			"组织师生党员赴红色教育基地开展主题党日", "建设支部“红色书架”，开展读书分享会 6 次",
			"党员志愿服务队进社区开展科普宣传", "举办“我为群众办实事”专题实践活动");

	private static final List<String> AWARDS = List.of("获评校级先进基层党组织", "支部案例入选学校党建工作优秀案例",
			"支部党员获省级教学竞赛一等奖", "获评校级“样板支部”培育创建单位");

	private final AssessmentWorkflow workflow;

	private final AccountManagement accounts;

	AssessmentWorkflowDemo(AssessmentWorkflow workflow, AccountManagement accounts) {
		this.workflow = workflow;
		this.accounts = accounts;
	}

	void seed(Map<String, Long> ids, Instant now) {
		int year = LocalDate.ofInstant(now, PlatformZone.ZONE).getYear();
		Map<String, BigDecimal> manual = workflow.manualMaxima(year);
		if (manual.isEmpty()) {
			return;
		}
		Caller admin = accounts.callerFor("admin");
		List<String> branches = new ArrayList<>(ids.keySet().stream().filter(k -> k.matches("[A-Z]+-\\d+")).toList());
		branches.sort(Comparator.comparing((String k) -> k.substring(0, k.indexOf('-')))
			.thenComparing(k -> Integer.parseInt(k.substring(k.indexOf('-') + 1))));
		List<String> codes = new ArrayList<>(manual.keySet());
		int n = 0;
		for (String key : branches) {
			n++;
			String college = key.substring(0, key.indexOf('-'));
			long orgId = ids.get(key);
			Caller secretary = secretary(key, orgId);
			Caller above = generalBranch(college, ids.get(college));
			if ("JSJ-1".equals(key)) {
				branch1(year, orgId, secretary, above, codes, manual);
				continue;
			}
			// every seventh branch claimed nothing: its manual points are missing, for a clear reason
			if (n % 7 == 0) {
				continue;
			}
			for (int i = 0; i < codes.size(); i++) {
				String code = codes.get(i);
				BigDecimal max = manual.get(code);
				List<String> texts = i % 2 == 0 ? FEATURES : AWARDS;
				long claimId = workflow.claim(secretary, year, orgId, code, texts.get((n + i) % texts.size()), max);
				// most are scored as claimed; every fifth a little lower, with the reason
				boolean lower = (n + i) % 5 == 0;
				BigDecimal score = lower ? max.multiply(new BigDecimal("0.6")).setScale(1, RoundingMode.HALF_UP) : max;
				workflow.score(above, claimId, score, lower ? "佐证材料不够完整，按六成认定" : "材料齐全，予以认定");
			}
		}
		// 机械工程学院 reviewed its branches; the committee approved the first two
		for (String key : branches) {
			if (key.startsWith("JX-")) {
				workflow.review(generalBranch("JX", ids.get("JX")), year, ids.get(key));
				if (key.equals("JX-1") || key.equals("JX-2")) {
					workflow.approve(admin, year, ids.get(key));
				}
			}
		}
	}

	/** branch1's branch: one claim scored, one waiting with a photo as evidence, and one open appeal. */
	private void branch1(int year, long orgId, Caller secretary, Caller above, List<String> codes,
			Map<String, BigDecimal> manual) {
		String waiting = codes.get(0);
		long claim = workflow.claim(secretary, year, orgId, waiting, "与软件企业党支部开展结对共建，联合举办“党建+专业”主题党日 3 次，"
				+ "带领学生党员完成社区智慧养老志愿服务项目。", manual.get(waiting));
		workflow.attachEvidence(secretary, claim, "结对共建活动照片.png", photo());
		for (String code : codes.subList(1, codes.size())) {
			long scored = workflow.claim(secretary, year, orgId, code, "支部获评校级先进基层党组织", manual.get(code));
			workflow.score(above, scored, manual.get(code), "材料齐全，予以认定");
		}
		List<String> automatic = workflow.indicatorCodes(year, true);
		String appealed = automatic.contains("orglife.compliance.THEME_DAY") ? "orglife.compliance.THEME_DAY"
				: automatic.isEmpty() ? codes.get(codes.size() - 1) : automatic.get(0);
		workflow.appeal(secretary, year, orgId, appealed,
				"7 月主题党日与学院联合举办，签到记录在学院党委的活动中，支部未单独登记，请予认定。");
	}

	private Caller secretary(String key, long orgId) {
		if ("JSJ-1".equals(key)) {
			return accounts.callerFor("branch1");
		}
		if ("JX-1".equals(key)) {
			return accounts.callerFor("branch2");
		}
		return new Caller(0, "system", "system", List.of(new Caller.Grant(Role.BRANCH_SECRETARY, orgId)));
	}

	private Caller generalBranch(String college, long collegeId) {
		if ("JSJ".equals(college)) {
			return accounts.callerFor("college1");
		}
		return new Caller(0, "system", "system", List.of(new Caller.Grant(Role.GENERAL_BRANCH_ADMIN, collegeId)));
	}

	/** A small picture standing for the photo of the activity (a PNG, as a phone would send). */
	private static byte[] photo() {
		BufferedImage image = new BufferedImage(320, 200, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setColor(new Color(0xB7, 0x1C, 0x1C));
		g.fillRect(0, 0, 320, 200);
		g.setColor(Color.WHITE);
		g.fillRect(20, 20, 280, 160);
		g.dispose();
		try {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			ImageIO.write(image, "png", out);
			return out.toByteArray();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
