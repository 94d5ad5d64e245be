package cn.partybuilding.account;

/** A person-readable device from a User-Agent: browser and system (微信 on Android, Chrome on Windows …). */
final class Devices {

	private Devices() {
	}

	static String describe(String userAgent) {
		if (userAgent == null || userAgent.isBlank()) {
			return "?";
		}
		String ua = userAgent;
		String browser = ua.contains("MicroMessenger") ? "微信" : ua.contains("DingTalk") ? "钉钉"
				: ua.contains("Edg/") ? "Edge" : ua.contains("Firefox/") ? "Firefox"
				: ua.contains("Chrome/") || ua.contains("CriOS/") ? "Chrome" : ua.contains("Safari/") ? "Safari"
				: ua.length() > 40 ? ua.substring(0, 40) : ua;
		String system = ua.contains("Windows") ? "Windows" : ua.contains("HarmonyOS") ? "HarmonyOS"
				: ua.contains("Android") ? "Android"
				: ua.contains("iPhone") || ua.contains("iPad") ? "iOS" : ua.contains("Mac OS X") ? "macOS"
				: ua.contains("Linux") ? "Linux" : null;
		return system == null ? browser : browser + " · " + system;
	}
}
