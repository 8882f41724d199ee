import { describeMatrix } from "../../connectivity/testing";
import { matrix } from "./connectivity";

describeMatrix(matrix);
