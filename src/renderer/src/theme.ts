/**
 * Theme tuned for WCAG AA in both schemes: Mantine's default blue (shade 6) on white is ≈3.6:1, and its
 * dimmed grey fails on both backgrounds, so filled colours use shade 8 and dimmed text is darkened
 * (light) or lightened (dark). Light-variant badge text also uses a darker shade in the light scheme.
 */
import {
  Alert,
  Anchor,
  createTheme,
  darken,
  defaultVariantColorsResolver,
  parseThemeColor,
  type CSSVariablesResolver,
  type VariantColorsResolver,
} from '@mantine/core';

const variantColorResolver: VariantColorsResolver = (input) => {
  const resolved = defaultVariantColorsResolver(input);
  const parsed = parseThemeColor({ color: input.color || input.theme.primaryColor, theme: input.theme });
  if (parsed.isThemeColor && (input.variant === 'light' || input.variant === 'outline' || input.variant === 'subtle' || input.variant === 'dot')) {
    // Shade 9 alone is still too light for yellow and orange on their tinted backgrounds.
    const lightText = darken(input.theme.colors[parsed.color]?.[9] ?? '#000', 0.35);
    return {
      ...resolved,
      color: `light-dark(${lightText}, var(--mantine-color-${parsed.color}-2))`,
      border:
        input.variant === 'outline' ? `1px solid light-dark(var(--mantine-color-${parsed.color}-8), var(--mantine-color-${parsed.color}-3))` : resolved.border,
    };
  }
  return resolved;
};

export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 8, dark: 8 },
  focusRing: 'auto',
  defaultRadius: 'sm',
  variantColorResolver,
  // Links sit inside sentences: underline them so they don't rely on colour alone.
  // Mantine's Alert defaults to role="alert"; most of ours are static notes, so only the ones that
  // appear in response to something say role="alert" explicitly.
  components: {
    Anchor: Anchor.extend({ defaultProps: { underline: 'always' } }),
    Alert: Alert.extend({ defaultProps: { role: 'note' } }),
  },
  fontFamilyMonospace: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
});

export const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': t.colors.gray[7]!,
    '--mantine-color-placeholder': t.colors.gray[6]!,
    '--mantine-color-anchor': t.colors.blue[8]!,
    // Field errors: Mantine's red (shade 8 here) on white is ≈4.4:1; shade 9 passes AA.
    '--mantine-color-error': t.colors.red[9]!,
  },
  dark: {
    '--mantine-color-dimmed': t.colors.dark[1]!,
    '--mantine-color-placeholder': t.colors.dark[2]!,
    '--mantine-color-anchor': t.colors.blue[3]!,
    '--mantine-color-error': t.colors.red[4]!,
  },
});
