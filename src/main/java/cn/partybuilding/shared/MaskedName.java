package cn.partybuilding.shared;

/** A person's name as public pages show it: 王*明, 李* — the first character and, for longer names, the last. */
public final class MaskedName {

	private MaskedName() {
	}

	public static String of(String name) {
		if (name == null || name.isEmpty()) {
			return "";
		}
		int[] cps = name.codePoints().toArray();
		if (cps.length == 1) {
			return name;
		}
		StringBuilder out = new StringBuilder().appendCodePoint(cps[0]);
		out.append("*".repeat(Math.max(1, cps.length - 2)));
		if (cps.length > 2) {
			out.appendCodePoint(cps[cps.length - 1]);
		}
		return out.toString();
	}
}
