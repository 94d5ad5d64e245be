/**
 * 学习: study materials (articles, PDF, video, audio, links), weekly study outlines, progress counted from what
 * was really studied, and points under daily caps.
 */
@ApplicationModule(displayName = "学习")
package cn.partybuilding.learning;

import org.springframework.modulith.ApplicationModule;
