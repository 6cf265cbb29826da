// The commented safety-scan.yaml that `init` writes: every setting with its default, explained.
import type { Translate } from '../i18n/index.js';
import { DEFAULTS } from './settings.js';

export function configTemplate(t: Translate): string {
  const { weighting: w, estimates: e, profile: p, compare: c, check: k } = DEFAULTS;
  const two = (value: number) => value.toFixed(2);
  return `# ${t('template.title')}
# ${t('template.precedence')}

# ${t('template.lang')}
lang: ${t.lang}

# ${t('template.store')}
store: safety-scan.db

# ${t('template.zone')}
# zone: PZ Schelde-Leie

weighting:
  # ${t('template.method')}
  method: ${w.method}
  # ${t('template.collapse')}
  collapse_empty_cells: ${w.collapseEmptyCells}
  # ${t('template.trim')}
  max_weight_ratio: ${w.maxWeightRatio}

estimates:
  # ${t('template.level')}
  level: ${two(e.level)}
  # ${t('template.min_cell')}
  min_cell: ${e.minCell}
  # ${t('template.reliability')}
  min_n_eff: ${e.minNEff}
  max_ci_width: ${two(e.maxCiWidth)}
  max_rel_width: ${two(e.maxRelWidth)}

profile:
  # ${t('template.min_interviews')}
  min_interviews: ${p.minInterviews}
  # ${t('template.divergence')}
  divergence:
    top: ${p.divergence.top}
    min_interviews: ${p.divergence.minInterviews}

compare:
  # ${t('template.fdr')}
  fdr: ${two(c.fdr)}

check:
  # ${t('template.check')}
  alpha: ${two(k.alpha)}
  gap_top: ${k.gapTop}
  gap_min_share: ${two(k.gapMinShare)}

# ${t('template.goals')}
# goals: goals.yaml

# ${t('template.codebook')}
# codebook:
#   items:
#     cohesion_contact:
#       values: [1, 2, 3, 4, 5]
#       labels:
#         nl: [helemaal oneens, oneens, neutraal, eens, helemaal eens]
#   themes: [shoplifting]

# ${t('template.indicators')}
# indicators:
#   - id: cohesion_agree
#     type: share
#     item: cohesion_contact
#     values: [4, 5]
#     label: { en: agrees neighbours know each other, nl: vindt dat buren elkaar kennen }
`;
}
