package cn.partybuilding.content;

/** What an item is: 党建动态, 通知公告, or a feature on people (典型选树). */
public enum ContentKind {
	NEWS, NOTICE, FEATURE
}
