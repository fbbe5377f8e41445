import { useEffect, useState } from "react";
import { loginOptions } from "../api/endpoints";

/**
 * Whether this server hosts more than one bank, so a signed-out form must ask which one. False
 * until the answer arrives and when it cannot be had: the server then names `body.tenant` itself.
 */
export function useTenantRequired(): boolean {
  const [required, setRequired] = useState(false);
  useEffect(() => {
    let live = true;
    loginOptions()
      .then((o) => live && setRequired(o.tenantRequired === true))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return required;
}
