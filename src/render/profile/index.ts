// Profiles in every format, dispatched by a typed map.
import type { ProfileSet, SourceView } from '../../profile/profile.js';
import type { ProfileFormat, Renderer } from '../formats.js';
import { profileJson } from './json.js';
import { profileMarkdown, profileTable } from './text.js';

/** The districts a profile shows; the whole area closes a full profile (JSON always carries it apart). */
export interface ProfileSelection {
  profiles: ProfileSet;
  districts: SourceView[];
  withArea: boolean;
}

const shown = (selection: ProfileSelection) => (selection.withArea ? [...selection.districts, selection.profiles.area] : selection.districts);

export const PROFILE_RENDERERS = {
  table: (selection, view) => profileTable(selection.profiles, shown(selection), view.definitions, view.t, view.colors, view.width),
  json: (selection) => profileJson(selection.profiles, selection.districts),
  md: (selection, view) => profileMarkdown(selection.profiles, shown(selection), view.definitions, view.t),
} satisfies Record<ProfileFormat, Renderer<ProfileSelection>>;
