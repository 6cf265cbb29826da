// The commented safety-scan.yaml that `init` writes: every setting with its default, explained.
import type { Translate } from '../i18n/index.js';

export function configTemplate(t: Translate): string {
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
  method: rake
  # ${t('template.collapse')}
  collapse_empty_cells: false
  # ${t('template.trim')}
  max_weight_ratio: null

estimates:
  # ${t('template.level')}
  level: 0.95
  # ${t('template.min_cell')}
  min_cell: 10
  # ${t('template.reliability')}
  min_n_eff: 30
  max_ci_width: 0.30
  max_rel_width: 1.30

profile:
  # ${t('template.min_interviews')}
  min_interviews: 3
  # ${t('template.divergence')}
  divergence:
    top: 3
    min_interviews: 3

compare:
  # ${t('template.fdr')}
  fdr: 0.05

check:
  # ${t('template.check')}
  alpha: 0.05
  gap_top: 3
  gap_min_share: 0.40

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
