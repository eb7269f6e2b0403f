export { CHANGE_PASSWORD_PATH, ChangePasswordPage } from "./ChangePasswordPage";
export { FORGOT_PASSWORD_PATH, ForgotPasswordPage } from "./ForgotPasswordPage";
export { ResetPasswordPage } from "./ResetPasswordPage";
