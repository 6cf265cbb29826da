// placeholder
export async function openPgWriter(_url: string, _zone: string | undefined, _keys: { env: NodeJS.ProcessEnv }): Promise<never> {
  throw new Error('not yet');
}
