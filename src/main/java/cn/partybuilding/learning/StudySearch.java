package cn.partybuilding.learning;

import org.springframework.stereotype.Component;

/** Placeholder until the search branch lands (replaced by the merge). */
@Component
class StudySearch {

	record Doc(String type, long refId, String kind, long orgId, boolean wholeSchool, String title, String text) {
	}

	void index(Doc doc) {
	}

	void remove(String type, long refId) {
	}
}
