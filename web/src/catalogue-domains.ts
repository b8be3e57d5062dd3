// The domain a string catalogue belongs to, by its folder: './routes/returns/i18n.en.ts' → 'routes/returns'.
export const domainOf = (file: string) => file.replace(/^\.\//, '').replace(/\/i18n(\.en)?\.ts$/, '');
