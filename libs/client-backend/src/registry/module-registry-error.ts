/** The module registry file could not be read or broke its schema; start-up stops. */
export class ModuleRegistryError extends Error {
  /** Always `MODULE_REGISTRY_INVALID`. */
  readonly code = 'MODULE_REGISTRY_INVALID';
  /** The registry file that was refused. */
  readonly file: string;

  /**
   * @param file - the registry file
   * @param problems - one line per problem, each naming where in the file it is
   */
  constructor(file: string, problems: string[]) {
    super(`module registry ${file} is invalid:\n  ${problems.join('\n  ')}`);
    this.name = 'ModuleRegistryError';
    this.file = file;
  }
}
