import type { Lesson } from '../types.js';
import { algorithmLesson } from './algorithm.js';
import { ama564Lesson } from './ama564.js';
import { csc311Lesson } from './csc311.js';
import { forwardLesson } from './forward.js';
import { gradcheckLesson } from './gradcheck.js';
import { hiddenLesson } from './hidden.js';
import { outputLesson } from './output.js';
import { paramsLesson } from './params.js';

/** The lessons in order (lesson n is lessons[n − 1]). */
export const lessons: readonly Lesson[] = [forwardLesson, outputLesson, hiddenLesson, paramsLesson, algorithmLesson, csc311Lesson, ama564Lesson, gradcheckLesson];
