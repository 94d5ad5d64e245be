package cn.partybuilding.demo;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import cn.partybuilding.member.Category;
import cn.partybuilding.member.Education;
import cn.partybuilding.member.Gender;
import cn.partybuilding.member.IdCardNumber;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberForm;
import cn.partybuilding.member.MemberStatus;
import cn.partybuilding.shared.Facade;

/**
 * Deterministic, believable members for the demo: teachers in 教工 branches, undergraduates (many still
 * probationary) and graduate students in student branches, retirees in 离退休 branches, with realistic
 * Chinese names and valid ID-card numbers. The same seed gives the same university every time.
 */
@Facade("people generated deterministically (names, valid ID-card numbers) for the demo, the scale generator and benchmarks")
public final class DemoMembers {

	private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";

	private static final String MALE = "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林欣博文建国志成";

	private static final String FEMALE = "芳娜敏静丽艳娟霞燕玲婷雪慧莹晶颖琳倩洁佳悦欣怡梦瑶璐蕾薇雯萍红梅兰";

	/** The 50 000-person benchmark data uses other districts, so its ID-card numbers never meet the demo's. */
	private static final String[] SCALE_REGIONS = { "420103", "420104", "420105", "110102", "310101", "440103", "510105",
			"330102", "320104", "370103", "410102", "430102" };

	private static final String[] REGIONS = { "420102", "420106", "420111", "110105", "310104", "440106", "510104",
			"330106", "320102", "370102", "410105", "430103" };

	private static final String[] PLACES = { "湖北武汉", "湖北襄阳", "湖南长沙", "河南郑州", "北京", "上海", "广东广州", "四川成都",
			"浙江杭州", "江苏南京", "山东济南", "江西南昌" };

	private final Random random;

	private final String[] regions;

	private final String staffPrefix;

	private final Set<String> usedIds = new HashSet<>();

	private int staffSequence = 1;

	/** The demo university's members: the same every time. */
	DemoMembers() {
		this(20261127L, "", REGIONS);
	}

	/** People for benchmarks: deterministic for a seed, numbered and located apart from the demo's. */
	public static DemoMembers forScale(long seed) {
		return new DemoMembers(seed, "B", SCALE_REGIONS);
	}

	/**
	 * People of one school of the generated province: deterministic for the seed and the school, numbered
	 * {@code PV<school>…} and born in a district of their own (65xxxx), so no two schools share an ID-card number.
	 */
	public static DemoMembers forProvince(long seed, int school) {
		return new DemoMembers(seed * 1_000_003L + school, String.format("PV%03d", school),
				new String[] { String.format("65%02d%02d", 1 + school / 100, school % 100) });
	}

	/** The demo's applicants: numbered apart from its members. */
	static DemoMembers forApplicants() {
		return new DemoMembers(20261128L, "A", REGIONS);
	}

	private DemoMembers(long seed, String staffPrefix, String[] regions) {
		this.random = new Random(seed);
		this.staffPrefix = staffPrefix;
		this.regions = regions;
	}

	/** A member for a branch whose name tells who is in it (教工 / 本科生 / 研究生 / 退休 …). */
	public MemberForm next(long branchId, String branchName, LocalDate today) {
		Category category = branchName.contains("本科") || branchName.contains("研究生") || branchName.contains("硕士")
				? Category.STUDENT : branchName.contains("退休") || branchName.contains("离休") ? Category.RETIREE
						: Category.FACULTY;
		boolean undergraduate = branchName.contains("本科");
		Gender gender = random.nextBoolean() ? Gender.MALE : Gender.FEMALE;
		String name = name(gender);
		LocalDate birth = switch (category) {
			case STUDENT -> LocalDate.of(undergraduate ? 2003 + random.nextInt(3) : 1997 + random.nextInt(5), 1, 1)
				.plusDays(random.nextInt(365));
			case RETIREE -> LocalDate.of(1938 + random.nextInt(24), 1, 1).plusDays(random.nextInt(365));
			default -> LocalDate.of(1965 + random.nextInt(31), 1, 1).plusDays(random.nextInt(365));
		};
		LocalDate join = birth.plusYears(18 + (category == Category.STUDENT ? random.nextInt(3) : random.nextInt(15)))
			.plusDays(random.nextInt(300));
		if (join.isAfter(today.minusDays(30))) {
			join = today.minusDays(30 + random.nextInt(300));
		}
		boolean probationary = join.isAfter(today.minusYears(1));
		// 细则: 按期转正 a year after joining; about one in twenty had the 预备期 extended by six months,
		// never ending after today (the same number of draws as before, so the university stays the same)
		int draw = random.nextInt(20);
		LocalDate extended = join.plusMonths(18 + draw % 7);
		LocalDate conversion = probationary ? null : draw == 0 && !extended.isAfter(today) ? extended : join.plusYears(1);
		Education education = switch (category) {
			case STUDENT -> undergraduate ? Education.HIGH_SCHOOL : Education.BACHELOR;
			case RETIREE -> random.nextInt(3) == 0 ? Education.JUNIOR_COLLEGE : Education.BACHELOR;
			default -> random.nextInt(3) == 0 ? Education.MASTER : Education.DOCTORATE;
		};
		String staff = staffPrefix + (category == Category.STUDENT ? "S" + (join.getYear()) : category == Category.RETIREE ? "R" : "T")
				+ String.format("%05d", staffSequence++);
		Integer graduation = category == Category.STUDENT ? join.getYear() + (undergraduate ? 2 : 3) : null;
		String phone = "1" + (3 + random.nextInt(7)) + String.format("%09d", random.nextInt(1_000_000_000));
		int region = random.nextInt(regions.length);
		return new MemberForm(name, gender, random.nextInt(12) == 0 ? "回族" : "汉族", birth,
				idCard(regions[region], birth, gender), PLACES[region], education, category, staff, phone, branchId,
				probationary ? MemberStatus.PROBATIONARY : MemberStatus.FULL, join, conversion, graduation);
	}

	private String name(Gender gender) {
		String given = gender == Gender.MALE ? MALE : FEMALE;
		StringBuilder name = new StringBuilder().append(SURNAMES.charAt(random.nextInt(SURNAMES.length())));
		name.append(given.charAt(random.nextInt(given.length())));
		if (random.nextInt(3) > 0) {
			name.append(given.charAt(random.nextInt(given.length())));
		}
		return name.toString();
	}

	private String idCard(String region, LocalDate birth, Gender gender) {
		while (true) {
			int sequence = random.nextInt(500) * 2 + (gender == Gender.MALE ? 1 : 0);
			String first17 = region + birth.toString().replace("-", "") + String.format("%03d", sequence);
			String id = first17 + IdCardNumber.checkCharacter(first17);
			if (usedIds.add(id)) {
				return id;
			}
		}
	}

}
